"""What the compiled templates were made from (written by `python -m timeline.render.html.compiled`)."""

JINJA2 = '3.1.6'
SOURCES = {'chronology.html.j2': '493aff386b7bcc2234b423846908b981412a5b80a3e09625e108350a52346005', 'controls.html.j2': 'e1f800d5dfa2095d31e8657c023139441e49a2a1d478b60723de9a55529edd09', 'fragment.html.j2': '05c0464504e502a61cc7d63afd34a2b84d4133b969e95bc893e45300379179da', 'overview.html.j2': 'ba29f55c8320350de10469d7b4982e75d7ccec806e18876d72adf19a7aaceb48', 'page.html.j2': 'e39b7ae20b205be586d1e47a72796ee1508a8bcfa723ca0a457a690e4ad550cf'}
