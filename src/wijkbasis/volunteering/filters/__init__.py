"""The public vacancy search, one job per module:

- `params.py`: the Dutch GET parameters and their values — the search's shareable address;
- `filterset.py`: `VacancyFilter`, parameters in, ordered vacancies out (with notices for
  values it could not use);
- `summary.py`: the search in words ("in Leesten, on Tuesday morning");
- `wider.py`: for an empty result, the searches with one filter fewer that find something.

Where vacancies are and how far (the postcode filter) is `volunteering.geography`; the full-text
part (`q`) is `volunteering.search`. Other apps read the search through
`selectors.search_vacancies`.
"""

from wijkbasis.volunteering.filters.filterset import VacancyFilter

__all__ = ["VacancyFilter"]
