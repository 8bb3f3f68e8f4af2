"""Evaluation of each analysis step against gold data; run through `python -m analysis.evaluate`."""
