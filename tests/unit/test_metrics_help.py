"""The help explains every measure the metrics report carries, in the UI language."""

from __future__ import annotations

from relationsapp.core.metrics_help import DEFINITIONS, definitions
from relationsapp.i18n.translate import set_language, translator


def test_every_measure_of_the_report_is_defined_in_the_help() -> None:
    terms = [term for term, _text in DEFINITIONS]
    for measure in ("Retention rate", "CSAT", "NPS", "Referral rate", "CLTV, historic"):
        assert measure in terms
    assert "CLTV, predictive" in terms


def test_the_help_states_the_formulas_the_code_follows() -> None:
    text = dict(DEFINITIONS)
    assert "(customers at end − new customers) ÷ customers at start" in text["Retention rate"]
    assert "4 or 5" in text["CSAT"]
    assert "(9–10)" in text["NPS"] and "(0–6)" in text["NPS"]


def test_the_help_is_shown_in_danish() -> None:
    set_language("da")
    shown = dict(definitions())
    danish = translator("da")
    assert shown[danish.gettext("NPS")] == danish.gettext(dict(DEFINITIONS)["NPS"])
    assert shown[danish.gettext("NPS")] != dict(DEFINITIONS)["NPS"]
