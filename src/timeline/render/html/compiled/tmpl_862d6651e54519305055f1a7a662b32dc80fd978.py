from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'controls.html.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_ui = resolve('ui')
    l_0_topics = resolve('topics')
    l_0_actors = resolve('actors')
    l_0_all_actors = resolve('all_actors')
    l_0_lang = resolve('lang')
    l_0_switch_label = resolve('switch_label')
    l_0_switch_to = resolve('switch_to')
    pass
    yield '<form class="tl-controls" role="search" aria-labelledby="tl-controls-label" hidden>\n<h2 class="tl-visually-hidden" id="tl-controls-label">'
    yield escape(environment.finalize(context.call(environment.getattr((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'words'), 'controls')))
    yield '</h2>\n<div class="tl-field tl-search">\n<label for="tl-q">'
    yield escape(environment.finalize(context.call(environment.getattr((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'words'), 'search')))
    yield '</label>\n<input type="search" id="tl-q" name="q" autocomplete="off">\n</div>\n'
    if (undefined(name='topics') if l_0_topics is missing else l_0_topics):
        pass
        yield '<fieldset id="tl-topics">\n<legend>'
        yield escape(environment.finalize(context.call(environment.getattr((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'words'), 'topics')))
        yield '</legend>\n'
        l_1_loop = missing
        for (l_1_topic_id, l_1_label), l_1_loop in LoopContext((undefined(name='topics') if l_0_topics is missing else l_0_topics), undefined):
            _loop_vars = {}
            pass
            yield '<span class="tl-check"><input type="checkbox" name="topic" value="'
            yield escape(environment.finalize(l_1_topic_id))
            yield '" id="tl-topic-'
            yield escape(environment.finalize(environment.getattr(l_1_loop, 'index')))
            yield '"><label for="tl-topic-'
            yield escape(environment.finalize(environment.getattr(l_1_loop, 'index')))
            yield '">'
            yield escape(environment.finalize(l_1_label))
            yield '</label></span>\n'
        l_1_loop = l_1_topic_id = l_1_label = missing
        yield '</fieldset>\n'
    yield '<div class="tl-field tl-actor"'
    if (not (undefined(name='actors') if l_0_actors is missing else l_0_actors)):
        pass
        yield ' hidden'
    yield '>\n<label for="tl-actor">'
    yield escape(environment.finalize(context.call(environment.getattr((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'words'), 'actor')))
    yield '</label>\n<select id="tl-actor" name="actor">\n<option value="">'
    yield escape(environment.finalize((undefined(name='all_actors') if l_0_all_actors is missing else l_0_all_actors)))
    yield '</option>\n'
    for (l_1_actor_id, l_1_name) in (undefined(name='actors') if l_0_actors is missing else l_0_actors):
        _loop_vars = {}
        pass
        yield '<option value="'
        yield escape(environment.finalize(l_1_actor_id))
        yield '">'
        yield escape(environment.finalize(l_1_name))
        yield '</option>\n'
    l_1_actor_id = l_1_name = missing
    yield '</select>\n</div>\n<div class="tl-buttons">\n<button type="reset" id="tl-clear">'
    yield escape(environment.finalize(context.call(environment.getattr((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'words'), 'clear')))
    yield '</button>\n<button type="button" id="tl-lang" lang="'
    yield escape(environment.finalize(('en' if ((undefined(name='lang') if l_0_lang is missing else l_0_lang) == 'ja') else 'ja')))
    yield '" aria-label="'
    yield escape(environment.finalize((undefined(name='switch_label') if l_0_switch_label is missing else l_0_switch_label)))
    yield '">'
    yield escape(environment.finalize((undefined(name='switch_to') if l_0_switch_to is missing else l_0_switch_to)))
    yield '</button>\n</div>\n<p id="tl-count" role="status" aria-live="polite"></p>\n</form>\n'

blocks = {}
debug_info = '2=19&4=21&7=23&8=26&9=29&11=44&12=48&14=50&15=52&19=62&20=64'