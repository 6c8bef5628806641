"""The back office's decisions: one declaration per decision, run as a list action and as a
button on the record's own page, both through the same service.

An admin declares what a manager may decide on its records:

    DECLINE = Decision(
        name="decline_registrations",
        service=services.decline,
        argument="registration",
        passes_user=False,  # services.decline takes no `by`
        label=_("Decline"),
        description=_("Decline selected registrations"),
        done=ngettext_lazy("%(count)d registration declined.", "... declined.", "count"),
        allowed=lambda registration: registration.status in services.DECLINABLE,
        takes_reason=True,
    )

    class RegistrationAdmin(DecisionAdminMixin, BackOfficeAdminMixin, admin.ModelAdmin):
        decisions = [CONFIRM, DECLINE, ...]

Every declared decision becomes a list action (`decision_action`); those with `allowed`
also become a button on the change page, offered only while `allowed(obj)` holds. Both run
`run_decision`: the service once per object, each in its own transaction (a data error undoes
that object's change and nothing else), a refusal of the rules (`RuleRefused`) reported
beside the object with the service's own words, and the successes counted in one message.

Scope and permissions: the list action gets the admin's queryset, which the regional scope
already limits (`backoffice/scoping.py`); the button's view finds its object through
`get_object`, which answers 404 for a record outside the manager's regions, and needs the
change permission for that object. Both need the change permission. The audit history records
the deciding user through simple-history's middleware, as for every other change.
"""

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from cluster_portal.refusals import RuleRefused

logger = logging.getLogger(__name__)

REASON_MAX_LENGTH = 2000


@dataclass
class Decision:
    """A decision a manager takes on a record, declared once for the list and the page.

    `name`: the list action's name (and the button's value); `service`: called as
    `service(**{argument: obj, "by": user})` (without `by` when `passes_user` is false, with
    `reason=` when `takes_reason` is true and a reason was given); `description`: the list
    action; `done`: the success message, an `ngettext_lazy(..., "count")`; `allowed(obj)`:
    the states that offer the button (None: a list action only); `label`: the button;
    `describe(obj)`: how messages name an object; `falls_short(result)`: a message when the
    service did less than asked (the object is then not counted as done); `invalid`: the
    message for a data error, with `%(object)s` and `%(error)s`.
    """

    name: str
    service: Callable[..., Any]
    argument: str
    description: str
    done: Any
    label: str = ""
    allowed: Callable[[Any], bool] | None = None
    passes_user: bool = True
    takes_reason: bool = False
    describe: Callable[[Any], str] = str
    falls_short: Callable[[Any], str | None] | None = None
    invalid: str | None = None
    order_by: tuple[str, ...] = ()
    select_related: tuple[str, ...] = ()
    # What a list action runs on, from the selected rows (by default the rows themselves):
    # the organisations' list decides their pending membership applications.
    targets: Callable[[Any], Any] | None = field(default=None, repr=False)

    def __post_init__(self):
        if self.allowed is not None and not self.label:
            raise ValueError(f"The decision {self.name!r} has a button and needs a label.")

    @property
    def on_page(self) -> bool:
        return self.allowed is not None

    def allows(self, obj) -> bool:
        return self.allowed is not None and bool(self.allowed(obj))


DATA_ERROR = _("%(object)s could not be applied: %(error)s")
CONFLICT = _(
    "%(object)s could not be applied: it clashes with a change saved in the meantime. "
    "Please reload the record and decide again."
)


def _data_error_text(error: ValidationError) -> str:
    return " ".join(str(message) for message in error.messages)


def run_decision(modeladmin, request, decision: Decision, objects: Iterable, *, reason=""):
    """Run `decision` on each object and tell the manager what happened; return the count done.

    Each object is decided in its own transaction: a data error (ValidationError,
    IntegrityError) rolls back that object's change, including its e-mails, and the others
    go on. A refusal of the rules is shown with the service's message beside the object.
    """
    done = 0
    for obj in objects:
        name = decision.describe(obj)
        arguments = {decision.argument: obj}
        if decision.passes_user:
            arguments["by"] = request.user
        if decision.takes_reason and reason:
            arguments["reason"] = reason
        try:
            with transaction.atomic():
                result = decision.service(**arguments)
        except RuleRefused as refusal:
            modeladmin.message_user(request, f"{name}: {refusal.message}", messages.WARNING)
            continue
        except ValidationError as error:
            message = decision.invalid or DATA_ERROR
            modeladmin.message_user(
                request,
                message % {"object": name, "error": _data_error_text(error)},
                messages.ERROR,
            )
            continue
        except IntegrityError:
            logger.warning("Decision %s on %r clashed with the data", decision.name, obj)
            modeladmin.message_user(request, CONFLICT % {"object": name}, messages.ERROR)
            continue
        shortfall = decision.falls_short(result) if decision.falls_short else None
        if shortfall:
            modeladmin.message_user(request, f"{name}: {shortfall}", messages.WARNING)
            continue
        done += 1
    if done:
        modeladmin.message_user(request, decision.done % {"count": done}, messages.SUCCESS)
    return done


def decision_action(decision: Decision):
    """The list action of a decision: runs it on the selected (and so scoped) rows."""

    def action(modeladmin, request, queryset):
        if decision.targets is not None:
            queryset = decision.targets(queryset)
        if decision.select_related:
            queryset = queryset.select_related(*decision.select_related)
        if decision.order_by:
            queryset = queryset.order_by(*decision.order_by)
        run_decision(modeladmin, request, decision, queryset)

    action.__name__ = decision.name
    action.decision = decision
    return admin.action(description=decision.description, permissions=["change"])(action)


class DecisionForm(forms.Form):
    """What the change page's decision buttons send: the decision and an optional reason."""

    decision = forms.CharField(max_length=100)
    reason = forms.CharField(required=False, max_length=REASON_MAX_LENGTH, strip=True)


class DecisionAdminMixin:
    """Decisions as list actions and as buttons on the change page (see the module's text).

    Put it first among the mixins: its change-form template extends whatever template the
    admin's other classes use (the import-export one, or the admin's own).
    """

    decisions: list[Decision] = []
    change_form_template = "admin/backoffice/change_form_with_decisions.html"

    def __init__(self, model, admin_site):
        super().__init__(model, admin_site)
        own = [decision_action(decision) for decision in self.decisions]
        self.actions = [*own, *(self.actions or [])]

    # The page's decisions ------------------------------------------------------------------

    def page_decisions(self, request, obj) -> list[Decision]:
        """The buttons this user may press on this record in its current state."""
        if obj is None or not self.has_change_permission(request, obj):
            return []
        return [decision for decision in self.decisions if decision.allows(obj)]

    def _parent_change_form_template(self) -> str:
        mro = type(self).__mro__
        for klass in mro[mro.index(DecisionAdminMixin) + 1 :]:
            template = klass.__dict__.get("change_form_template")
            if template:
                return template
        return "admin/change_form.html"

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["decisions_parent_template"] = self._parent_change_form_template()
        if change and obj is not None:
            offered = self.page_decisions(request, obj)
            if offered:
                context["decision_panel"] = {
                    "url": reverse(
                        f"{self.admin_site.name}:{self._decide_url_name()}",
                        args=[quote(obj.pk)],
                    ),
                    "decisions": offered,
                    "takes_reason": any(decision.takes_reason for decision in offered),
                    "reason_max_length": REASON_MAX_LENGTH,
                }
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _decide_url_name(self) -> str:
        return f"{self.opts.app_label}_{self.opts.model_name}_decide"

    def get_urls(self):
        decide = path(
            "<path:object_id>/decide/",
            self.admin_site.admin_view(self.decide_view),
            name=self._decide_url_name(),
        )
        return [decide, *super().get_urls()]

    def decide_view(self, request, object_id):
        """The change page's buttons: the same service as the list action, for one record."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        # Scoped: another region's record is a 404 for a regional manager.
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        change_url = reverse(
            f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_change",
            args=[quote(obj.pk)],
        )
        form = DecisionForm(request.POST)
        if not form.is_valid():
            if "reason" in form.errors:
                message = _("The reason may be at most %(limit)d characters long.") % {
                    "limit": REASON_MAX_LENGTH
                }
            else:
                message = _("Please choose a decision.")
            self.message_user(request, message, messages.ERROR)
            return redirect(change_url)
        offered = {decision.name: decision for decision in self.page_decisions(request, obj)}
        decision = offered.get(form.cleaned_data["decision"])
        if decision is None:
            # A button the page did not offer (an old page, or a forged request): nothing runs.
            self.message_user(
                request,
                _("This decision is not possible for this record in its current state."),
                messages.ERROR,
            )
            return redirect(change_url)
        run_decision(self, request, decision, [obj], reason=form.cleaned_data["reason"])
        return redirect(change_url)
