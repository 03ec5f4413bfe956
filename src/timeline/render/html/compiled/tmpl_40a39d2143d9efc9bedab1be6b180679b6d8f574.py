from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'chronology.html.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_fragment = resolve('fragment')
    l_0_lang = resolve('lang')
    l_0_css = resolve('css')
    l_0_title = resolve('title')
    l_0_selection = resolve('selection')
    l_0_as_of = resolve('as_of')
    l_0_corrections = resolve('corrections')
    l_0_overview = resolve('overview')
    l_0_years = resolve('years')
    l_0_ui = resolve('ui')
    l_0_footnotes = resolve('footnotes')
    pass
    yield '<div class="tl-chronology"'
    if (undefined(name='fragment') if l_0_fragment is missing else l_0_fragment):
        pass
        yield ' lang="'
        yield escape(environment.finalize((undefined(name='lang') if l_0_lang is missing else l_0_lang)))
        yield '" dir="ltr"'
    yield '>\n'
    if (undefined(name='fragment') if l_0_fragment is missing else l_0_fragment):
        pass
        yield '<style>'
        yield escape(environment.finalize((undefined(name='css') if l_0_css is missing else l_0_css)))
        yield '</style>\n'
    yield '<header class="tl-header">\n'
    if (undefined(name='fragment') if l_0_fragment is missing else l_0_fragment):
        pass
        yield '<h2 class="tl-heading">'
        yield escape(environment.finalize((undefined(name='title') if l_0_title is missing else l_0_title)))
        yield '</h2>'
    else:
        pass
        yield '<h1 class="tl-heading">'
        yield escape(environment.finalize((undefined(name='title') if l_0_title is missing else l_0_title)))
        yield '</h1>'
    yield '\n'
    if (undefined(name='selection') if l_0_selection is missing else l_0_selection):
        pass
        yield '<p class="tl-selection">'
        yield escape(environment.finalize((undefined(name='selection') if l_0_selection is missing else l_0_selection)))
        yield '</p>\n'
    if (undefined(name='as_of') if l_0_as_of is missing else l_0_as_of):
        pass
        yield '<p class="tl-asof">'
        yield escape(environment.finalize((undefined(name='as_of') if l_0_as_of is missing else l_0_as_of)))
        yield '</p>'
    yield '\n'
    if (undefined(name='corrections') if l_0_corrections is missing else l_0_corrections):
        pass
        yield '<p class="tl-updated">'
        yield escape(environment.finalize(environment.getattr((undefined(name='corrections') if l_0_corrections is missing else l_0_corrections), 'updated')))
        yield '</p>\n<div class="tl-corrections-list"><p class="tl-corrections-heading" id="tl-corrections-heading">'
        yield escape(environment.finalize(environment.getattr((undefined(name='corrections') if l_0_corrections is missing else l_0_corrections), 'heading')))
        yield '</p>\n<ul aria-labelledby="tl-corrections-heading">'
        for (l_1_label, l_1_event_id, l_1_title) in environment.getattr((undefined(name='corrections') if l_0_corrections is missing else l_0_corrections), 'items'):
            _loop_vars = {}
            pass
            yield '<li>'
            yield escape(environment.finalize(l_1_label))
            yield escape(environment.finalize(context.call((undefined(name='ui') if l_0_ui is missing else l_0_ui), '：', ': ', _loop_vars=_loop_vars)))
            yield '<a href="#event-'
            yield escape(environment.finalize(l_1_event_id))
            yield '">'
            yield escape(environment.finalize(l_1_title))
            yield '</a></li>'
        l_1_label = l_1_event_id = l_1_title = missing
        yield '</ul></div>\n'
    yield '</header>\n<'
    yield escape(environment.finalize(('div' if (undefined(name='fragment') if l_0_fragment is missing else l_0_fragment) else 'main')))
    yield ' class="tl-main" id="tl-main">\n'
    if (undefined(name='overview') if l_0_overview is missing else l_0_overview):
        pass
        template = environment.get_template('overview.html.j2', 'chronology.html.j2')
        gen = template.root_render_func(template.new_context(context.get_all(), True, {}))
        try:
            for event in gen:
                yield event
        finally: gen.close()
    yield '\n'
    if ((not (undefined(name='fragment') if l_0_fragment is missing else l_0_fragment)) and (undefined(name='years') if l_0_years is missing else l_0_years)):
        pass
        template = environment.get_template('controls.html.j2', 'chronology.html.j2')
        gen = template.root_render_func(template.new_context(context.get_all(), True, {}))
        try:
            for event in gen:
                yield event
        finally: gen.close()
    yield '\n<div class="tl-list" id="tl-list" tabindex="-1">\n'
    if (not (undefined(name='years') if l_0_years is missing else l_0_years)):
        pass
        yield '<p class="tl-empty">'
        yield escape(environment.finalize(context.call(environment.getattr((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'words'), 'no_events')))
        yield '</p>'
    yield '\n<p class="tl-nomatch" id="tl-nomatch" hidden>'
    yield escape(environment.finalize(context.call(environment.getattr((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'words'), 'no_match')))
    yield '</p>\n'
    l_1_loop = missing
    for l_1_year, l_1_loop in LoopContext((undefined(name='years') if l_0_years is missing else l_0_years), undefined):
        l_1_outer = missing
        _loop_vars = {}
        pass
        yield '\n<section class="tl-year" aria-labelledby="tl-y'
        yield escape(environment.finalize(environment.getattr(l_1_loop, 'index')))
        yield '">\n<h2 id="tl-y'
        yield escape(environment.finalize(environment.getattr(l_1_loop, 'index')))
        yield '">'
        yield escape(environment.finalize(environment.getattr(l_1_year, 'heading')))
        yield '</h2>\n'
        l_1_outer = environment.getattr(l_1_loop, 'index')
        _loop_vars['outer'] = l_1_outer
        for l_2_section in environment.getattr(l_1_year, 'sections'):
            _loop_vars = {}
            pass
            yield '\n<section class="tl-section">\n<h3>'
            yield escape(environment.finalize(environment.getattr(l_2_section, 'heading')))
            yield '</h3>\n<ol class="tl-events">\n'
            pass
            t_1 = context.eval_ctx.save()
            context.eval_ctx.autoescape = False
            yield str(environment.finalize(environment.getattr(l_2_section, 'entries')))
            context.eval_ctx.revert(t_1)
            yield '</ol>\n</section>\n'
        l_2_section = missing
        yield '\n</section>\n'
    l_1_loop = l_1_year = l_1_outer = missing
    yield '\n</div>\n'
    if (undefined(name='footnotes') if l_0_footnotes is missing else l_0_footnotes):
        pass
        yield '<section class="tl-sources" aria-labelledby="tl-sources-heading">\n<h2 id="tl-sources-heading">'
        yield escape(environment.finalize(context.call(environment.getattr((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'words'), 'sources')))
        yield '</h2>\n<ol>\n'
        pass
        t_2 = context.eval_ctx.save()
        context.eval_ctx.autoescape = False
        for l_2_note in (undefined(name='footnotes') if l_0_footnotes is missing else l_0_footnotes):
            l_2_quotes = resolve('quotes')
            l_2_back = resolve('back')
            _loop_vars = {}
            pass
            yield '<li id="fn-'
            yield str(environment.finalize(environment.getattr(l_2_note, 'number')))
            yield '" value="'
            yield str(environment.finalize(environment.getattr(l_2_note, 'number')))
            yield '">\n<p class="tl-source">'
            yield str(environment.finalize(environment.getattr(l_2_note, 'text')))
            if environment.getattr(l_2_note, 'href'):
                pass
                yield ' <a class="tl-source-link" href="'
                yield str(environment.finalize(environment.getattr(l_2_note, 'href')))
                yield '">'
                yield str(environment.finalize(environment.getattr(l_2_note, 'host')))
                yield '</a>'
            yield '</p>\n'
            yield str(environment.finalize(context.call((undefined(name='quotes') if l_2_quotes is missing else l_2_quotes), l_2_note, (undefined(name='back') if l_2_back is missing else l_2_back), _loop_vars=_loop_vars)))
            yield '</li>\n'
        l_2_note = l_2_quotes = l_2_back = missing
        context.eval_ctx.revert(t_2)
        yield '</ol>\n</section>\n'
    yield '\n</'
    yield escape(environment.finalize(('div' if (undefined(name='fragment') if l_0_fragment is missing else l_0_fragment) else 'main')))
    yield '>\n</div>\n'

blocks = {}
debug_info = '1=23&2=29&4=35&5=46&6=51&7=57&8=62&9=64&11=78&12=80&13=89&15=98&16=104&17=107&18=112&19=114&20=118&22=124&24=129&30=136&31=139&33=144&34=154&35=163&39=169'