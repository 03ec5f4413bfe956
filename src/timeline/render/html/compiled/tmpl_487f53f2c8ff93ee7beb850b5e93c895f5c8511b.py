from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'page.html.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_lang = resolve('lang')
    l_0_csp = resolve('csp')
    l_0_document_title = resolve('document_title')
    l_0_css = resolve('css')
    l_0_ui = resolve('ui')
    l_0_data = resolve('data')
    l_0_script = resolve('script')
    try:
        t_1 = environment.filters['tojson']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'tojson' found.")
    pass
    yield '<!DOCTYPE html>\n<html lang="'
    yield escape(environment.finalize((undefined(name='lang') if l_0_lang is missing else l_0_lang)))
    yield '" data-timeline-lang="'
    yield escape(environment.finalize((undefined(name='lang') if l_0_lang is missing else l_0_lang)))
    yield '">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<meta http-equiv="Content-Security-Policy" content="'
    yield escape(environment.finalize((undefined(name='csp') if l_0_csp is missing else l_0_csp)))
    yield '">\n<meta name="referrer" content="no-referrer">\n<meta name="generator" content="timeline">\n<title>'
    yield escape(environment.finalize((undefined(name='document_title') if l_0_document_title is missing else l_0_document_title)))
    yield '</title>\n<style>'
    yield escape(environment.finalize((undefined(name='css') if l_0_css is missing else l_0_css)))
    yield '</style>\n</head>\n<body>\n<a class="tl-skip" href="#tl-list">'
    yield escape(environment.finalize(context.call(environment.getattr((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'words'), 'skip')))
    yield '</a>\n'
    template = environment.get_template('chronology.html.j2', 'page.html.j2')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {}))
    try:
        for event in gen:
            yield event
    finally: gen.close()
    yield '\n<script type="application/json" id="tl-data">'
    yield escape(environment.finalize(t_1(context.eval_ctx, (undefined(name='data') if l_0_data is missing else l_0_data))))
    yield '</script>\n<script>'
    yield escape(environment.finalize((undefined(name='script') if l_0_script is missing else l_0_script)))
    yield '</script>\n</body>\n</html>\n'

blocks = {}
debug_info = '2=25&6=29&9=31&10=33&13=35&14=37&15=44&16=46'