"""The working groups' public pages: the list, a group's page with its next meetings, asking
for the one-time link to join (members only), the join form behind that link, and the
documents page behind a member's own link."""

from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.utils import translation
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import links
from core.fragments import lazy_page
from core.refusals import RuleRefused
from members.access import AccessLinkRequestView, access_link_required, mark_used
from members.models import ContactPerson, Organisation

from . import services
from .apps import DOCUMENTS_PURPOSE, JOIN_ACCESS_PURPOSE
from .filters import WorkingGroupFilter
from .forms import JoinAccessRequestForm, JoinRequestForm
from .models import GroupDocument, GroupMeeting, GroupMembership, WorkingGroup

PAGE_SIZE = 24
MEETINGS_SHOWN = 5


def group_list(request):
    queryset = WorkingGroup.objects.for_list()
    filterset = SimpleLazyObject(lambda: WorkingGroupFilter(request.GET or None, queryset=queryset))
    # Lazy: read only when the page's cached fragment has to be rendered.
    return render(
        request,
        "groups/group_list.html",
        {"filter": filterset, "page_obj": lazy_page(request, filterset, PAGE_SIZE)},
    )


def _group_details(group: WorkingGroup) -> dict:
    """What the group's page lists, read only when its fragment has to be rendered."""
    return {
        "innovation_fields": list(group.innovation_fields.all()),
        "members": list(
            GroupMembership.objects.current()
            .filter(group=group)
            .select_related("organisation")
            .order_by("organisation__name")
        ),
        "meetings": list(
            GroupMeeting.objects.filter(group=group)
            .upcoming()
            .select_related("event", "event__region")[:MEETINGS_SHOWN]
        ),
    }


def group_detail(request, slug):
    # The row itself decides the 404 and the title; the lists wait for the fragment.
    group = get_object_or_404(
        WorkingGroup.objects.published().select_related(
            "region", "picture", "spokesperson__organisation"
        ),
        slug=slug,
    )
    details = SimpleLazyObject(lambda: _group_details(group))
    return render(request, "groups/group_detail.html", {"group": group, "details": details})


class JoinLinkRequestView(AccessLinkRequestView):
    """Ask for the one-time link to the join form (members only)."""

    purpose = JOIN_ACCESS_PURPOSE
    form_class = JoinAccessRequestForm
    template_name = "groups/access_request.html"
    rate_limit_scope = "group-access"
    sent_message = gettext_lazy(
        "Thank you. If this is the address of a contact person of %(organisation)s or its "
        "public e-mail address, we have sent it a link to ask to join. Please check your inbox."
    )

    def get_objects(self, slug):
        return {"group": get_object_or_404(WorkingGroup.objects.published(), slug=slug)}

    def get_success_url(self, organisation, objects):
        return objects["group"].get_absolute_url()


join_access_request = JoinLinkRequestView.as_view()


@access_link_required(JOIN_ACCESS_PURPOSE)
def join(request, access):
    """The join form, reached through the one-time link; the link fixes the organisation."""
    organisation = access.organisation
    if organisation.status != Organisation.Status.MEMBER:
        return render(
            request, "groups/closed.html", {"reason": services.NotAMember.message}, status=403
        )
    active = GroupMembership.objects.active().filter(organisation=organisation)
    groups = (
        WorkingGroup.objects.published().exclude(pk__in=active.values("group")).order_by("name")
    )
    if not groups:
        return render(
            request,
            "groups/closed.html",
            {
                "reason": _(
                    "%(organisation)s is already a member of every working group or has "
                    "asked to join it."
                )
                % {"organisation": organisation.name}
            },
        )
    contact = ContactPerson.objects.filter(
        organisation=organisation, email__iexact=access.email
    ).first()
    initial = {"contact_email": access.email}
    if contact is not None:
        initial["contact_name"] = contact.name
    wanted = request.GET.get("group")
    if wanted:
        initial["group"] = groups.filter(slug=wanted).first()
    form = JoinRequestForm(request.POST or None, groups=groups, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                mark_used(access)  # a second use is answered by access_link_required
                membership = services.request_membership(
                    group=data["group"],
                    organisation=organisation,
                    contact_name=data["contact_name"],
                    contact_email=data["contact_email"],
                    message=data["message"],
                    language=translation.get_language(),
                    consent=form.consent_values(),
                )
        except RuleRefused as error:
            form.add_error(None, error.message)
        else:
            return render(
                request,
                "groups/join_done.html",
                {"membership": membership, "group": membership.group},
            )
    return render(request, "groups/join_form.html", {"organisation": organisation, "form": form})


class MembershipEnded(links.LinkError):
    status = 403
    title = gettext_lazy("Your organisation is no longer a member of this working group")
    reason = gettext_lazy(
        "The documents of a working group are for its current members only. If you think "
        "this is a mistake, please write to the cluster management."
    )


def _current_membership(payload: links.LinkPayload) -> GroupMembership:
    membership = (
        GroupMembership.objects.select_related("group", "organisation")
        .filter(pk=payload.pk)
        .first()
    )
    if membership is None:
        raise links.LinkError
    if not membership.is_member:
        raise MembershipEnded
    return membership


def _own_group(membership: GroupMembership, slug: str) -> WorkingGroup:
    """A link opens its own group's documents only: another group's address is a 404."""
    group = membership.group
    if group.slug != slug or not group.is_published:
        raise Http404
    return group


@links.object_from_token(DOCUMENTS_PURPOSE, _current_membership, pass_token=True)
def documents(request, membership, slug, token):
    group = _own_group(membership, slug)
    response = render(
        request,
        "groups/documents.html",
        {
            "group": group,
            "membership": membership,
            "documents": list(group.documents.all()),
            "token": token,
        },
    )
    return _private(response)


@links.object_from_token(DOCUMENTS_PURPOSE, _current_membership)
def document_download(request, membership, slug, pk):
    group = _own_group(membership, slug)
    document = get_object_or_404(GroupDocument, pk=pk, group=group)
    response = FileResponse(
        document.file.open("rb"), as_attachment=True, filename=document.file_name
    )
    return _private(response)


def _private(response):
    """The link is the key: never cached by others, indexed or passed on as a referrer."""
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response
