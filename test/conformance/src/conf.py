# Sphinx configuration of the conformance cases (the oracle writes its own).
project = 'docsnip-conformance'
exclude_patterns = ['_build']
