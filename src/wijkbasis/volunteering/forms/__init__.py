"""The vacancy bank's forms, by audience like views/: `public.py` (responding, saving a search,
signing up an organisation), `talents.py` (a resident's talent profile), `organisation.py` (the
vacancy form), `broker.py` (notes), `steps.py` (a response's next step, for organisations and
brokers alike), and `fields.py` (fields they share)."""

from wijkbasis.volunteering.forms.fields import SlotsField, SuitabilityField

__all__ = ["SlotsField", "SuitabilityField"]
