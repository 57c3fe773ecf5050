"""A response's next step, shared by the organisation's and the broker's response pages.

The page shows the steps the response may take — any later one, or one back — as a GET form to
the page itself; with a step chosen (`?stap=placed`), the page shows only that step's fields in
a POST form. With htmx, choosing a step fetches just that part (`_step.html`), so the fields
appear at once; without JavaScript the choice is one more click. The POST goes through
services.move_response, which locks the row and refuses a stale page (expected_status).
`response_page` renders either audience's response page with this part.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from wijkbasis.accounts.types import AuthenticatedHttpRequest
from wijkbasis.core.types import HttpRequest
from wijkbasis.volunteering import services
from wijkbasis.volunteering.forms.steps import StepChoiceForm, StepForm
from wijkbasis.volunteering.models import Response

#: Renders a response page with the given step form: (request, response, step_form) → page.
PageRenderer = Callable[[HttpRequest, Response, StepForm], HttpResponse]


def _steps(response: Response) -> tuple[list[tuple[str, str]], str | None]:
    """The choices (value, label) and which of them is the step back."""
    back = services.previous_step(response.events.all(), response.status)
    choices = [(step, str(Response.Status(step).label)) for step in services.later_steps(response.status)]
    if back is not None:
        # Translators: a choice in the response pipeline, e.g. "One step back, to: contacted".
        choices.append((back, _("One step back, to: %(step)s") % {"step": Response.Status(back).label}))
    return choices, back


def step_context(request: HttpRequest, response: Response, *, step_form: StepForm | None = None) -> dict[str, Any]:
    """What the pipeline part of a response page shows: the choice of step and, once chosen,
    that step's form (`step_form` when a POST came back with errors)."""
    choices, back = _steps(response)
    chosen = step_form.step if step_form is not None else request.GET.get("stap", "")
    if chosen not in {value for value, _label in choices}:
        chosen = ""
    if step_form is None and chosen:
        step_form = StepForm(
            initial={"to_status": chosen, "expected_status": response.status}, step=chosen, back=chosen == back
        )
    return {
        "vacancy_ended": response.vacancy.ended_as() if response.status in services.OPEN_STEPS else None,
        "step_choice_form": StepChoiceForm(initial={"stap": chosen}, choices=choices) if choices else None,
        "step_form": step_form,
        "step_label": dict(choices).get(chosen, ""),
    }


def response_page(
    request: HttpRequest,
    response: Response,
    *,
    template: str,
    page: str,
    step_form: StepForm | None = None,
    **extra: Any,
) -> HttpResponse:
    """A response page (`page`: its URL name; the move's is that name + "_move") with its history
    and the next step; with htmx, choosing a step gets only that part."""
    context = {
        **step_context(request, response, step_form=step_form),
        "response": response,
        "page_url": reverse(page, args=[response.pk]),
        "move_url": reverse(f"{page}_move", args=[response.pk]),
    }
    if request.htmx and step_form is None:
        return render(request, "volunteering/_step.html", context)
    return render(request, template, {**context, "events": response.events.select_related("by").all(), **extra})


def move(
    request: AuthenticatedHttpRequest, response: Response, *, page: str, render_page: PageRenderer, as_broker: bool
) -> HttpResponse:
    """Validate the chosen step, move, and explain a conflict plainly. A form with errors comes
    back on the response page with what was typed; a move goes back to the page (`page`, a URL name)."""
    choices, back = _steps(response)
    step = request.POST.get("to_status", "")
    if request.POST.get("expected_status", response.status) != response.status:
        messages.error(request, services.changed_meanwhile(response))
        return redirect(page, pk=response.pk)
    if step not in {value for value, _label in choices}:
        messages.error(request, _("Choose the next step."))
        return redirect(page, pk=response.pk)
    form = StepForm(request.POST, step=step, back=step == back)
    if not form.is_valid():
        return render_page(request, response, form)
    data = form.cleaned_data
    try:
        services.move_response(
            response=response,
            to_status=step,
            by=request.user,
            expected_status=data["expected_status"],
            not_matched_reason=data.get("not_matched_reason"),
            placement=form.placement(),
            reason=data.get("reason", ""),
            as_broker=as_broker,
        )
    except services.ConflictError as error:
        messages.error(request, str(error))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The response is now: %(status)s.") % {"status": Response.Status(step).label})
    return redirect(page, pk=response.pk)
