"""Probabilities as a clinician reads them (decisions.md, Classifier 4)."""


def format_probability(p: float, decimals: int = 0) -> str:
    """'37%', '<1%', '>99%': never '100%' or '0%'."""
    floor, ceiling = 10 ** -(decimals + 2), 1 - 10 ** -(decimals + 2)
    text = f"{p:.{decimals}%}"
    if p < floor or text == f"{0:.{decimals}%}":
        return f"<{floor:.{decimals}%}"
    if p > ceiling or text == f"{1:.{decimals}%}":
        return f">{ceiling:.{decimals}%}"
    return text
