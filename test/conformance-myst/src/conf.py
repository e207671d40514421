# Sphinx configuration of the MyST conformance cases (the oracle writes its own,
# and must add the MyST settings below and exclude files/** too).
project = 'docsnip-conformance-myst'
extensions = ['myst_parser']
myst_enable_extensions = ['colon_fence']
source_suffix = {'.rst': 'restructuredtext', '.md': 'markdown'}
# files/ holds the inputs, including Markdown fragments that are only ever
# pulled in with {include}: they are not pages.
exclude_patterns = ['_build', 'files/**']
