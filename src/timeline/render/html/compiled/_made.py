"""What the compiled templates were made from (written by `python -m timeline.render.html.compiled`)."""

JINJA2 = '3.1.6'
SOURCES = {'chronology.html.j2': '493aff386b7bcc2234b423846908b981412a5b80a3e09625e108350a52346005', 'controls.html.j2': 'bb58d13dab44fa0c25e15768e859cb1882aff2b2955746c24c9348af1ea5f7e6', 'fragment.html.j2': '05c0464504e502a61cc7d63afd34a2b84d4133b969e95bc893e45300379179da', 'overview.html.j2': '48d84043aadb9c1a262ba5bbd51fc39ef9eeab188bd2fb781142f051d9ac5277', 'page.html.j2': 'e39b7ae20b205be586d1e47a72796ee1508a8bcfa723ca0a457a690e4ad550cf'}
