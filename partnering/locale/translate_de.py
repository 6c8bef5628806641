# ruff: noqa: E501 - the catalogue pairs read best one per line
"""Fill the German catalogue of the partnering app (run after scripts/makemessages)."""

from pathlib import Path

import polib

HERE = Path(__file__).resolve().parent

GERMAN = {
    "Partnering board": "Kooperationsbörse",
    "The post's status does not allow this.": "Der Status des Beitrags lässt das nicht zu.",
    "Only submitted or withdrawn posts can be published.": "Nur eingereichte oder zurückgezogene Beiträge können veröffentlicht werden.",
    "Only published posts can be withdrawn.": "Nur veröffentlichte Beiträge können zurückgezogen werden.",
    "Only submitted posts can be rejected.": "Nur eingereichte Beiträge können abgelehnt werden.",
    "Approve and publish": "Freigeben und veröffentlichen",
    "Reject": "Ablehnen",
    "expressions of interest": "Interessensbekundungen",
    "Approve and publish the selected posts": "Ausgewählte Beiträge freigeben und veröffentlichen",
    "Withdraw the selected posts from the board": "Ausgewählte Beiträge von der Börse zurückziehen",
    "Reject the selected posts": "Ausgewählte Beiträge ablehnen",
    "Search": "Suche",
    "Kind": "Art",
    "All kinds": "Alle Arten",
    "Innovation field": "Innovationsfeld",
    "All innovation fields": "Alle Innovationsfelder",
    "Sector": "Branche",
    "All sectors": "Alle Branchen",
    "Region": "Region",
    "All regions": "Alle Regionen",
    "New in the last 30 days": "Neu in den letzten 30 Tagen",
    "Your organisation": "Ihre Organisation",
    "Choose your organisation": "Wählen Sie Ihre Organisation",
    "Contact e-mail address of your organisation": "Kontakt-E-Mail-Adresse Ihrer Organisation",
    "We send the link to the organisation's contact address as recorded by the cluster management.": "Wir senden den Link an die Kontaktadresse der Organisation, die dem Clustermanagement vorliegt.",
    "Use two-letter country codes (for example DE, NL, FR): %(codes)s": "Bitte zweistellige Ländercodes verwenden (zum Beispiel DE, NL, FR): %(codes)s",
    "Target countries": "Zielländer",
    "Optional: two-letter country codes, separated by commas (DE, NL, FR).": "Optional: zweistellige Ländercodes, durch Kommas getrennt (DE, NL, FR).",
    "At most one year ahead.": "Höchstens ein Jahr im Voraus.",
    "The date lies in the past.": "Das Datum liegt in der Vergangenheit.",
    "A post can be valid for at most one year.": "Ein Beitrag kann höchstens ein Jahr gültig sein.",
    "Your name": "Ihr Name",
    "Your e-mail address": "Ihre E-Mail-Adresse",
    "Phone (optional)": "Telefon (optional)",
    "Your message to the poster": "Ihre Nachricht an die Organisation",
    "same region: %(region)s": "gleiche Region: %(region)s",
    "same federal state: %(states)s": "gleiches Bundesland: %(states)s",
    "in a target region: %(region)s": "in einer Zielregion: %(region)s",
    "Export the selected expressions of interest (CSV)": "Ausgewählte Interessensbekundungen exportieren (CSV)",
    "same wider region: %(region)s": "gleiche übergeordnete Region: %(region)s",
    "neighbouring federal state: %(states)s": "benachbartes Bundesland: %(states)s",
    "similar wording in the description": "ähnliche Begriffe in der Beschreibung",
    "Technology offer": "Technologieangebot",
    "Technology request": "Technologiegesuch",
    "Business / supply offer": "Geschäfts- / Zulieferangebot",
    "Business / supply request": "Geschäfts- / Zuliefergesuch",
    "Research or project partner search": "Forschungs- oder Projektpartnersuche",
    "Skilled-staff cooperation": "Fachkräftekooperation",
    "Public": "Öffentlich",
    "Members only": "Nur für Mitglieder",
    "Submitted, awaiting approval": "Eingereicht, wartet auf Freigabe",
    "Published": "Veröffentlicht",
    "Withdrawn": "Zurückgezogen",
    "Rejected": "Abgelehnt",
    "organisation": "Organisation",
    "kind": "Art",
    "title": "Titel",
    "description": "Beschreibung",
    "innovation fields": "Innovationsfelder",
    "sectors": "Branchen",
    "target regions": "Zielregionen",
    "target countries": "Zielländer",
    "ISO 3166 country codes, for example DE, NL, FR.": "Ländercodes nach ISO 3166, zum Beispiel DE, NL, FR.",
    "valid until": "gültig bis",
    "visibility": "Sichtbarkeit",
    "status": "Status",
    "submitted by (e-mail)": "eingereicht von (E-Mail)",
    "Receives expressions of interest; never shown on the portal.": "Erhält die Interessensbekundungen; wird im Portal nie angezeigt.",
    "language": "Sprache",
    "access link": "Zugangslink",
    "The one-time link the post was submitted with; a link serves one post.": "Der Einmal-Link, mit dem der Beitrag eingereicht wurde; ein Link gilt für einen Beitrag.",
    "reviewed by": "geprüft von",
    "created at": "erstellt am",
    "published at": "veröffentlicht am",
    "updated at": "geändert am",
    "search vector": "Suchvektor",
    "partnering post": "Beitrag der Kooperationsbörse",
    "partnering posts": "Beiträge der Kooperationsbörse",
    "Use two-letter country codes in capitals (for example DE, NL): %(codes)s": "Bitte zweistellige Ländercodes in Großbuchstaben verwenden (zum Beispiel DE, NL): %(codes)s",
    "post": "Beitrag",
    "name": "Name",
    "e-mail": "E-Mail",
    "phone": "Telefon",
    "message": "Nachricht",
    "sent at": "gesendet am",
    "expression of interest": "Interessensbekundung",
    "matched post": "passender Beitrag",
    "matched organisation": "passende Organisation",
    "score": "Punktzahl",
    "digest entry": "Eintrag der Wochenübersicht",
    "digest entries": "Einträge der Wochenübersicht",
    "Innovation fields": "Innovationsfelder",
    "Valid until %(date)s": "Gültig bis %(date)s",
    "Hello, someone asked to publish an offer or request on the partnering board for %(name)s.": "Guten Tag, für %(name)s wurde angefragt, ein Angebot oder Gesuch in der Kooperationsbörse zu veröffentlichen.",
    "Use this link to write your post (it works once and for seven days):": "Über diesen Link verfassen Sie Ihren Beitrag (er gilt einmal und sieben Tage lang):",
    "If you did not ask for it, simply ignore this e-mail.": "Wenn Sie das nicht angefragt haben, ignorieren Sie diese E-Mail einfach.",
    "Your link for the partnering board": "Ihr Link für die Kooperationsbörse",
    "Hello, here are the new matches for the posts of %(name)s.": "Guten Tag, hier sind die neuen passenden Partner für die Beiträge von %(name)s.",
    "Fitting posts": "Passende Beiträge",
    "visible to members only": "nur für Mitglieder sichtbar",
    "members/<str:token>/": "mitglieder/<str:token>/",
    "score %(score)s": "Punktzahl %(score)s",
    "Fitting member organisations": "Passende Mitgliedsorganisationen",
    "You receive this e-mail because your organisation has a post on the partnering board.": "Sie erhalten diese E-Mail, weil Ihre Organisation einen Beitrag in der Kooperationsbörse hat.",
    "New matches for your posts on the partnering board": "Neue passende Partner für Ihre Beiträge in der Kooperationsbörse",
    "Thank you. We have passed your message about “%(title)s” on to %(name)s, who will answer you directly.": "Vielen Dank. Wir haben Ihre Nachricht zu „%(title)s“ an %(name)s weitergeleitet; die Organisation antwortet Ihnen direkt.",
    "Your message": "Ihre Nachricht",
    "Your message about “%(title)s” has been passed on": "Ihre Nachricht zu „%(title)s“ wurde weitergeleitet",
    "Someone is interested in your post “%(title)s” on the partnering board.": "Jemand interessiert sich für Ihren Beitrag „%(title)s“ in der Kooperationsbörse.",
    "Name": "Name",
    "Organisation": "Organisation",
    "E-mail": "E-Mail",
    "Phone": "Telefon",
    "Message": "Nachricht",
    "Reply to this e-mail to answer them directly.": "Antworten Sie auf diese E-Mail, um direkt zu antworten.",
    "Expression of interest in your post: %(title)s": "Interessensbekundung zu Ihrem Beitrag: %(title)s",
    "Your post “%(title)s” is now published and stays on the board until %(date)s.": "Ihr Beitrag „%(title)s“ ist veröffentlicht und bleibt bis %(date)s in der Börse.",
    "It is visible to members only.": "Er ist nur für Mitglieder sichtbar.",
    "Expressions of interest reach you by e-mail; your address is not shown on the portal. Each week we e-mail you new matches for your post.": "Interessensbekundungen erreichen Sie per E-Mail; Ihre Adresse wird im Portal nicht angezeigt. Jede Woche senden wir Ihnen neue passende Partner für Ihren Beitrag.",
    "Your post is on the partnering board: %(title)s": "Ihr Beitrag ist in der Kooperationsbörse: %(title)s",
    "Thank you for your post “%(title)s”. The cluster management will check it and let you know when it is published.": "Vielen Dank für Ihren Beitrag „%(title)s“. Das Clustermanagement prüft ihn und gibt Ihnen Bescheid, sobald er veröffentlicht ist.",
    "We have received your post: %(title)s": "Wir haben Ihren Beitrag erhalten: %(title)s",
    "Thank you for your post “%(title)s”. We are sorry: the cluster management has decided not to publish it on the partnering board.": "Vielen Dank für Ihren Beitrag „%(title)s“. Leider hat das Clustermanagement entschieden, ihn nicht in der Kooperationsbörse zu veröffentlichen.",
    "Your cluster management": "Ihr Clustermanagement",
    "Your post was not published: %(title)s": "Ihr Beitrag wurde nicht veröffentlicht: %(title)s",
    "%(name)s has submitted a post (%(kind)s):": "%(name)s hat einen Beitrag eingereicht (%(kind)s):",
    "Please check it in the admin and approve or reject it:": "Bitte prüfen Sie ihn in der Verwaltung und geben Sie ihn frei oder lehnen Sie ihn ab:",
    "New partnering post to approve: %(title)s": "Neuer Beitrag der Kooperationsbörse zur Freigabe: %(title)s",
    "Please check your e-mail": "Bitte sehen Sie in Ihr E-Mail-Postfach",
    "If the address you entered is the contact address we hold for %(name)s, a one-time link for your post is on its way. It is valid for seven days.": "Wenn die eingegebene Adresse die uns bekannte Kontaktadresse von %(name)s ist, ist ein Einmal-Link für Ihren Beitrag unterwegs. Er ist sieben Tage gültig.",
    "No e-mail after a few minutes? Please contact the cluster management, who can check or update your organisation's contact address.": "Nach einigen Minuten keine E-Mail? Bitte wenden Sie sich an das Clustermanagement, das die Kontaktadresse Ihrer Organisation prüfen oder ändern kann.",
    "Back to the partnering board": "Zurück zur Kooperationsbörse",
    "Breadcrumb": "Brotkrumennavigation",
    "Posted by": "Eingestellt von",
    "Sectors": "Branchen",
    "Target regions": "Zielregionen",
    "Valid until": "Gültig bis",
    "Suggested partners": "Vorgeschlagene Partner",
    "Score: 3 points per shared innovation field, 2 per shared sector, up to 3 for regional proximity (same region 3, same federal state 2, neighbouring state 1) and up to 3 for similar wording.": "Punktzahl: 3 Punkte je gemeinsamem Innovationsfeld, 2 je gemeinsamer Branche, bis zu 3 für regionale Nähe (gleiche Region 3, gleiches Bundesland 2, Nachbarland 1) und bis zu 3 für ähnliche Begriffe.",
    "There is no fitting post on the board yet.": "Noch gibt es keinen passenden Beitrag in der Börse.",
    "We have not found a fitting member organisation yet.": "Wir haben noch keine passende Mitgliedsorganisation gefunden.",
    "Get in touch": "Kontakt aufnehmen",
    "Your message goes to the organisation behind this post, together with your contact details. Their address is not published; they will answer you directly.": "Ihre Nachricht geht mit Ihren Kontaktdaten an die Organisation hinter diesem Beitrag. Deren Adresse wird nicht veröffentlicht; sie antwortet Ihnen direkt.",
    "Send message": "Nachricht senden",
    "Your post": "Ihr Beitrag",
    "You are posting for %(name)s. Expressions of interest will be sent to the address this link was sent to; it is never shown on the portal.": "Sie schreiben für %(name)s. Interessensbekundungen gehen an die Adresse, an die dieser Link gesendet wurde; sie wird im Portal nie angezeigt.",
    "Submit for approval": "Zur Freigabe einreichen",
    "Offers and requests of the network's members: technologies, supplies, research partners and skilled staff.": "Angebote und Gesuche der Mitglieder des Netzwerks: Technologien, Zulieferungen, Forschungspartner und Fachkräfte.",
    "Members publish what they offer and what they are looking for. Interested? Send a message through the post page: we pass it on to the organisation.": "Mitglieder veröffentlichen, was sie anbieten und was sie suchen. Interesse? Schreiben Sie über die Seite des Beitrags: Wir leiten Ihre Nachricht an die Organisation weiter.",
    "Publish an offer or request": "Angebot oder Gesuch veröffentlichen",
    "Filter posts": "Beiträge filtern",
    "Apply filters": "Filtern",
    "Reset filters": "Zurücksetzen",
    "No posts match your filters.": "Keine Beiträge entsprechen Ihren Filtern.",
    "Thank you for your post": "Vielen Dank für Ihren Beitrag",
    "“%(title)s” has been submitted. The cluster management will check it and publish it on the board; we will let you know by e-mail.": "„%(title)s“ ist eingereicht. Das Clustermanagement prüft den Beitrag und veröffentlicht ihn in der Börse; wir informieren Sie per E-Mail.",
    "Member organisations post without a password: we send a one-time link to your organisation's contact address. The cluster management checks each post before it appears on the board.": "Mitgliedsorganisationen veröffentlichen ohne Passwort: Wir senden einen Einmal-Link an die Kontaktadresse Ihrer Organisation. Das Clustermanagement prüft jeden Beitrag, bevor er in der Börse erscheint.",
    "Request a posting link": "Link zum Veröffentlichen anfordern",
    "Send me the link": "Link zusenden",
    "post/": "beitrag/",
    "post/<str:token>/": "beitrag/<str:token>/",
    "Thank you. We have passed your message on to the organisation and sent you a copy.": "Vielen Dank. Wir haben Ihre Nachricht an die Organisation weitergeleitet und Ihnen eine Kopie gesendet.",
}

GERMAN_PLURALS = {
    "%(count)d post published.": (
        "%(count)d Beitrag veröffentlicht.",
        "%(count)d Beiträge veröffentlicht.",
    ),
    "%(count)d post withdrawn.": (
        "%(count)d Beitrag zurückgezogen.",
        "%(count)d Beiträge zurückgezogen.",
    ),
    "%(count)d post rejected.": ("%(count)d Beitrag abgelehnt.", "%(count)d Beiträge abgelehnt."),
    "%(count)d shared innovation field: %(names)s": (
        "%(count)d gemeinsames Innovationsfeld: %(names)s",
        "%(count)d gemeinsame Innovationsfelder: %(names)s",
    ),
    "%(count)d shared sector: %(names)s": (
        "%(count)d gemeinsame Branche: %(names)s",
        "%(count)d gemeinsame Branchen: %(names)s",
    ),
    "%(counter)s post": ("%(counter)s Beitrag", "%(counter)s Beiträge"),
    "In addition, %(counter)s post is visible to members only. Members receive a link to it with their weekly partnering e-mail when it fits one of their posts; the cluster management will gladly put you in touch.": (
        "Außerdem ist %(counter)s Beitrag nur für Mitglieder sichtbar. Mitglieder erhalten einen Link darauf mit ihrer wöchentlichen E-Mail der Kooperationsbörse, wenn er zu einem ihrer Beiträge passt; das Clustermanagement stellt gern den Kontakt her.",
        "Außerdem sind %(counter)s Beiträge nur für Mitglieder sichtbar. Mitglieder erhalten einen Link darauf mit ihrer wöchentlichen E-Mail der Kooperationsbörse, wenn sie zu einem ihrer Beiträge passen; das Clustermanagement stellt gern den Kontakt her.",
    ),
}


def main():
    path = HERE / "de" / "LC_MESSAGES" / "django.po"
    po = polib.pofile(str(path), wrapwidth=79)
    missing = []
    for entry in po:
        if entry.msgid_plural:
            forms = GERMAN_PLURALS.get(entry.msgid)
            if forms:
                entry.msgstr_plural = {0: forms[0], 1: forms[1]}
        elif entry.msgid in GERMAN:
            entry.msgstr = GERMAN[entry.msgid]
        if "fuzzy" in entry.flags and (entry.msgid in GERMAN or entry.msgid in GERMAN_PLURALS):
            entry.flags.remove("fuzzy")
            entry.previous_msgid = None
        if not entry.translated():
            missing.append(entry.msgid)
    po.save()
    if missing:
        raise SystemExit(f"untranslated: {missing}")


if __name__ == "__main__":
    main()
