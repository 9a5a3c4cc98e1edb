"""xephang: the appraisal council's Excel workbook of scores into the official notice of rankings.

The data's path, one module per stage: `workbook` (read) → `validate` → `scoring` → `notice`
(render) → `output` (write). `api.generate` runs them all.
"""
