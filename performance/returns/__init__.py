"""Statutory returns: the DfE SEN2 person-level return and Ofsted's Annex A lists.

- sen2.py collects the SEN2 return for a census date in a fixed number of queries, into dataclasses;
- sen2_files.py writes it as the DfE XML message and as a flat CSV;
- sen2_checks.py checks it against the rules in STATUTORY_RULES.md (errors and queries by child);
- reconcile.py compares its counts with the records (new plans in the year, plans in place, requests);
- annex_a.py builds Ofsted's List 1 (EHC plans) and List 2 (SEN support) as XLSX and CSV.

Who may see them: person-level special-category data, so managers only (performance/rules.py,
"Statutory returns"). Administrators run the system but have no business reading children's records.
"""
