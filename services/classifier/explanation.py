"""The documented explanation of the model, served as one HTML page (GET /explanation): how the
differential is computed, then per diagnosis (anchor #<code>) its prior and every likelihood ratio
with its source, and the references. The CDS card's source links here, at the leading diagnosis."""

from functools import cache
from html import escape

from services.classifier.knowledge import Knowledge, figures_of, knowledge, source_key
from services.classifier.probability import format_probability
from services.classifier.schema import Prior

PATH = "/explanation"

METHOD = (
    "Each diagnosis starts from its prior (its share among patients referred with a calcified soft-tissue mass). "
    "Each finding multiplies it by a likelihood ratio: above 1 the finding supports the diagnosis, below 1 it opposes it; "
    "a finding a diagnosis does not name is neutral for it. Findings that restate one another (renal status, PTH, "
    "phosphate and the calcium x phosphate product; the lobulated pattern and its fluid levels) are damped. Every table is "
    "coherent: the prevalence-weighted mean of its likelihood ratios is 1. The results are normalised over all diagnoses "
    "and the open-world outcome 'none of the modelled diagnoses fits well', whose likelihood is diffuse. Probabilities "
    "are shown between 0.01% and 99%. Each figure names a reference below, or says 'expert estimate'. A hallmark that a "
    "referral states when present (dialysis or end-stage renal disease, a known systemic disease, an injury of the nervous "
    "system, a vitamin D or calcium excess) counts when it is not recorded: its likelihood ratio compares how often it "
    "goes unrecorded under the diagnosis and among referred patients. When the leading diagnosis rests on a finding that "
    "defines it and is still unknown (renal status for uremic tumoral calcinosis, phosphate for the primary types), that "
    "test is asked for first."
)


def explanation_url(service_base: str, code: str | None = None) -> str:
    return f"{service_base.rstrip('/')}{PATH}" + (f"#{code}" if code else "")


def _reference_link(source: str, kb: Knowledge) -> str:
    key = source_key(source)
    text = escape(source)
    return f'<a href="#ref-{escape(key)}">{text}</a>' if key in kb.references else text


@cache
def render_explanation() -> str:
    return _render(knowledge())


def _render(kb: Knowledge) -> str:
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
           "<title>Calcinosis classifier: how the differential is computed</title></head><body>",
           "<h1>Calcinosis classifier: how the differential is computed</h1>", f"<p>{escape(METHOD)}</p>",
           "<h2>Diagnoses</h2><ul>"]
    out += [f'<li><a href="#{escape(code)}">{escape(d.display)}</a></li>' for code, d in kb.diagnoses.items()]
    out.append(f'<li><a href="#{escape(kb.none_fits.code)}">{escape(kb.none_fits.display)}</a></li></ul>')
    for code, diagnosis in kb.diagnoses.items():
        deep = (f", or a deposit that is not cutaneous at {', '.join(diagnosis.tumoral_sites.sites)} "
                f"({diagnosis.tumoral_sites.source})" if diagnosis.tumoral_sites else "")
        typing = diagnosis.typing + (f" ({diagnosis.typing_if_tumoral_mass} when it forms a tumoral mass{deep})"
                                     if diagnosis.typing_if_tumoral_mass else "")
        out += [f'<h3 id="{escape(code)}">{escape(diagnosis.display)} <code>{escape(code)}</code></h3>',
                f"<p>{escape(diagnosis.definition)}</p>",
                f"<p>Typing: {escape(typing)}; mechanism: {escape(diagnosis.mechanism)}"
                + (f"; also coded <code>{escape(diagnosis.normative_code)}</code>" if diagnosis.normative_code else "")
                + f"; prior {format_probability(kb.priors[code], decimals=1)}.</p>",
                "<table><tr><th>finding</th><th>likelihood ratio</th><th>source</th></tr>"]
        rows = [*figures_of(diagnosis),
                *[(f"not recorded: {kb.hallmarks[name].display}", figures[code])
                  for name, figures in kb.unrecorded.items() if code in figures]]
        for where, figure in rows:
            value = f"{figure.value:g} (relative)" if isinstance(figure, Prior) else f"{figure.lr:g}"
            out.append(f"<tr><td>{escape(where)}</td><td>{value}</td><td>{_reference_link(figure.source, kb)}"
                       f"{' (estimate)' if figure.estimate else ''}</td></tr>")
        out.append("</table>")
    spec = kb.none_fits
    out += [f'<h3 id="{escape(spec.code)}">{escape(spec.display)} <code>{escape(spec.code)}</code></h3>',
            f"<p>{escape(spec.definition)} Prior {format_probability(kb.priors[spec.code], decimals=1)}; likelihood "
            f"P(state) = {1 - spec.diffuse_weight:g} x prevalence + {spec.diffuse_weight:g} / number of states; said in a "
            f"note and on the card from {format_probability(spec.report_at)} or when it ranks first.</p>",
            "<h2>References</h2><ul>"]
    for key, reference in kb.references.items():
        links = []
        if reference.doi:
            links.append(f'<a href="https://doi.org/{escape(reference.doi)}">doi:{escape(reference.doi)}</a>')
        if reference.pmid:
            links.append(f'<a href="https://pubmed.ncbi.nlm.nih.gov/{escape(reference.pmid)}/">PMID {escape(reference.pmid)}</a>')
        if reference.url:
            links.append(f'<a href="{escape(reference.url)}">link</a>')
        if reference.estimate:
            links.append("identifier not verified")
        out.append(f'<li id="ref-{escape(key)}"><code>{escape(key)}</code>: '
                   f'{escape(reference.citation)}. {"; ".join(links)}</li>')
    out.append("</ul></body></html>")
    return "\n".join(out)
