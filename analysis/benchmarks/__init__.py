"""Speed measurements of each analysis step; run through `python -m analysis.bench`."""
