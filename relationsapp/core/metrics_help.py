"""The metric definitions as the app's help shows them, in the UI language.

They say what relationsapp.core.metrics computes (its docstring is the reference);
a test keeps every measure of a MetricsReport explained here.
"""

from __future__ import annotations

from relationsapp.i18n.translate import N_, _

#: (measure, definition) in the order the dashboard shows them; untranslated.
DEFINITIONS: tuple[tuple[str, str], ...] = (
    (
        N_("Customer"),
        N_(
            "An account with a won order in the last N months up to and including the day "
            "(N is 12 unless set otherwise). Customers at start are those on the day before "
            "the period; customers at end those on its last day. New customers are customers "
            "at end whose first won order ever falls in the period."
        ),
    ),
    (
        N_("Retention rate"),
        N_(
            "(customers at end − new customers) ÷ customers at start. A customer who had "
            "lapsed and ordered again counts as retained, so the rate can pass 100 %."
        ),
    ),
    (N_("CSAT"), N_("The share of CSAT answers (1–5) given in the period that are 4 or 5.")),
    (
        N_("NPS"),
        N_(
            "The percentage of promoters (9–10) minus the percentage of detractors (0–6) "
            "among the NPS answers given in the period, from −100 to 100."
        ),
    ),
    (
        N_("Referral rate"),
        N_(
            "The share of the period's new customers that were referred by a contact or an account."
        ),
    ),
    (
        N_("CLTV, historic"),
        N_("The won revenue so far of the customers at end ÷ the customers at end."),
    ),
    (
        N_("CLTV, predictive"),
        N_(
            "Average order value × purchase frequency (won orders per ordering account per "
            "year) × average lifespan (years from an account's first to its last won order, "
            "at least one month)."
        ),
    ),
    (
        N_("Money"),
        N_(
            "Each order is converted with the newest exchange rate valid on its date; a "
            "currency without a rate is named, never added up as it is."
        ),
    ),
)


def definitions() -> list[tuple[str, str]]:
    """Every definition, translated into the UI language."""
    return [(_(term), _(text)) for term, text in DEFINITIONS]
