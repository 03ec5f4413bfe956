from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'overview.html.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_overview = resolve('overview')
    l_0_overview_title = resolve('overview_title')
    l_0_lang = resolve('lang')
    l_0_ui = resolve('ui')
    pass
    yield '<figure class="tl-overview" aria-labelledby="tl-axis-caption">\n<div class="tl-overview-scroll" tabindex="0" role="region" aria-labelledby="tl-axis-title">\n<svg id="tl-axis"'
    if environment.getattr((undefined(name='overview') if l_0_overview is missing else l_0_overview), 'long'):
        pass
        yield ' data-long=""'
    yield ' tabindex="-1" role="group" aria-labelledby="tl-axis-title" viewBox="0 0 '
    yield escape(environment.finalize(environment.getattr((undefined(name='overview') if l_0_overview is missing else l_0_overview), 'width')))
    yield ' '
    yield escape(environment.finalize(environment.getattr((undefined(name='overview') if l_0_overview is missing else l_0_overview), 'height')))
    yield '" width="'
    yield escape(environment.finalize(environment.getattr((undefined(name='overview') if l_0_overview is missing else l_0_overview), 'width')))
    yield '" height="'
    yield escape(environment.finalize(environment.getattr((undefined(name='overview') if l_0_overview is missing else l_0_overview), 'height')))
    yield '" xmlns="http://www.w3.org/2000/svg">\n<title id="tl-axis-title" data-en="'
    yield escape(environment.finalize(environment.getattr((undefined(name='overview_title') if l_0_overview_title is missing else l_0_overview_title), 'en')))
    yield '" data-ja="'
    yield escape(environment.finalize(environment.getattr((undefined(name='overview_title') if l_0_overview_title is missing else l_0_overview_title), 'ja')))
    yield '">'
    yield escape(environment.finalize(environment.getitem((undefined(name='overview_title') if l_0_overview_title is missing else l_0_overview_title), (undefined(name='lang') if l_0_lang is missing else l_0_lang))))
    yield '</title>\n'
    for l_1_tick in environment.getattr((undefined(name='overview') if l_0_overview is missing else l_0_overview), 'ticks'):
        _loop_vars = {}
        pass
        yield '<line class="tl-tick'
        if environment.getattr(l_1_tick, 'major'):
            pass
            yield ' tl-tick-major'
        yield '" x1="'
        yield escape(environment.finalize(environment.getattr(l_1_tick, 'x')))
        yield '" x2="'
        yield escape(environment.finalize(environment.getattr(l_1_tick, 'x')))
        yield '" y1="0" y2="'
        yield escape(environment.finalize((environment.getattr((undefined(name='overview') if l_0_overview is missing else l_0_overview), 'height') - 20)))
        yield '"></line>'
        if environment.getattr(l_1_tick, 'label'):
            pass
            yield '<text class="tl-tick-label'
            if (not environment.getattr(l_1_tick, 'major')):
                pass
                yield ' tl-tick-month'
            yield '" data-year="'
            yield escape(environment.finalize(environment.getattr(l_1_tick, 'year')))
            yield '" data-en="'
            yield escape(environment.finalize(environment.getitem(environment.getattr(l_1_tick, 'words'), 0)))
            yield '" data-ja="'
            yield escape(environment.finalize(environment.getitem(environment.getattr(l_1_tick, 'words'), 1)))
            yield '" x="'
            yield escape(environment.finalize((environment.getattr(l_1_tick, 'x') + 3)))
            yield '" y="'
            yield escape(environment.finalize((environment.getattr((undefined(name='overview') if l_0_overview is missing else l_0_overview), 'height') - 6)))
            yield '">'
            yield escape(environment.finalize(environment.getattr(l_1_tick, 'label')))
            yield '</text><text class="tl-tick-top'
            if (not environment.getattr(l_1_tick, 'major')):
                pass
                yield ' tl-tick-month'
            yield '" aria-hidden="true" data-en="'
            yield escape(environment.finalize(environment.getitem(environment.getattr(l_1_tick, 'words'), 0)))
            yield '" data-ja="'
            yield escape(environment.finalize(environment.getitem(environment.getattr(l_1_tick, 'words'), 1)))
            yield '" x="'
            yield escape(environment.finalize((environment.getattr(l_1_tick, 'x') + 3)))
            yield '" y="14">'
            yield escape(environment.finalize(environment.getattr(l_1_tick, 'label')))
            yield '</text>'
        yield '\n'
    l_1_tick = missing
    for l_1_cut in environment.getattr((undefined(name='overview') if l_0_overview is missing else l_0_overview), 'breaks'):
        _loop_vars = {}
        pass
        yield '<g class="tl-break" data-en="'
        yield escape(environment.finalize(environment.getattr(environment.getattr(l_1_cut, 'title'), 'en')))
        yield '" data-ja="'
        yield escape(environment.finalize(environment.getattr(environment.getattr(l_1_cut, 'title'), 'ja')))
        yield '"><title>'
        yield escape(environment.finalize(environment.getitem(environment.getattr(l_1_cut, 'title'), (undefined(name='lang') if l_0_lang is missing else l_0_lang))))
        yield '</title><rect class="tl-break-gap" x="'
        yield escape(environment.finalize((environment.getattr(l_1_cut, 'x') - 6)))
        yield '" y="0" width="12" height="'
        yield escape(environment.finalize((environment.getattr((undefined(name='overview') if l_0_overview is missing else l_0_overview), 'height') - 20)))
        yield '"></rect><path d="M'
        yield escape(environment.finalize((environment.getattr(l_1_cut, 'x') - 7)))
        yield ' '
        yield escape(environment.finalize((environment.getattr((undefined(name='overview') if l_0_overview is missing else l_0_overview), 'height') - 14)))
        yield ' l6 -12 M'
        yield escape(environment.finalize((environment.getattr(l_1_cut, 'x') + 1)))
        yield ' '
        yield escape(environment.finalize((environment.getattr((undefined(name='overview') if l_0_overview is missing else l_0_overview), 'height') - 14)))
        yield ' l6 -12"></path></g>\n'
    l_1_cut = missing
    for l_1_lane in environment.getattr((undefined(name='overview') if l_0_overview is missing else l_0_overview), 'lanes'):
        _loop_vars = {}
        pass
        yield '<g class="tl-lane"><text class="tl-lane-label" x="12" y="'
        yield escape(environment.finalize((environment.getattr(l_1_lane, 'y') + 15)))
        yield '" data-topic="'
        yield escape(environment.finalize(environment.getattr(l_1_lane, 'topic')))
        yield '">'
        yield escape(environment.finalize(environment.getitem(environment.getattr(l_1_lane, 'label'), (undefined(name='lang') if l_0_lang is missing else l_0_lang))))
        yield '</text></g>\n'
    l_1_lane = missing
    if environment.getattr((undefined(name='overview') if l_0_overview is missing else l_0_overview), 'long'):
        pass
        yield '<g class="tl-marks" aria-hidden="true">\n'
        l_1_bars = resolve('bars')
        pass
        t_1 = context.eval_ctx.save()
        context.eval_ctx.autoescape = False
        yield str(environment.finalize(context.call((undefined(name='bars') if l_1_bars is missing else l_1_bars), environment.getattr((undefined(name='overview') if l_0_overview is missing else l_0_overview), 'bars'))))
        context.eval_ctx.revert(t_1)
        l_1_bars = missing
        yield '</g>'
    else:
        pass
        l_1_marks = resolve('marks')
        pass
        t_2 = context.eval_ctx.save()
        context.eval_ctx.autoescape = False
        yield str(environment.finalize(context.call((undefined(name='marks') if l_1_marks is missing else l_1_marks), environment.getattr((undefined(name='overview') if l_0_overview is missing else l_0_overview), 'marks'))))
        context.eval_ctx.revert(t_2)
        l_1_marks = missing
    yield '</svg>\n</div>\n<figcaption id="tl-axis-caption">'
    if environment.getattr((undefined(name='overview') if l_0_overview is missing else l_0_overview), 'long'):
        pass
        yield '<span class="tl-key-item"><span class="tl-key tl-key-bar" aria-hidden="true"></span>'
        yield escape(environment.finalize(context.call(environment.getattr((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'words'), 'legend_bar')))
        yield '</span> <span class="tl-key-item"><span class="tl-key tl-key-bar-grey" aria-hidden="true"></span>'
        yield escape(environment.finalize(context.call(environment.getattr((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'words'), 'legend_bar_grey')))
        yield escape(environment.finalize(context.call((undefined(name='ui') if l_0_ui is missing else l_0_ui), '。', '.')))
        yield '</span>'
        yield escape(environment.finalize(context.call((undefined(name='ui') if l_0_ui is missing else l_0_ui), '', ' ')))
        yield '<span class="tl-hint">'
        yield escape(environment.finalize(context.call(environment.getattr((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'words'), 'legend_bar_hint')))
        yield '</span>'
    else:
        pass
        yield '<span class="tl-key-item"><span class="tl-key tl-key-day" aria-hidden="true"></span>'
        yield escape(environment.finalize(context.call(environment.getattr((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'words'), 'legend_day')))
        yield '</span> <span class="tl-key-item"><span class="tl-key tl-key-span" aria-hidden="true"></span>'
        yield escape(environment.finalize(context.call(environment.getattr((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'words'), 'legend_span')))
        yield '</span> <span class="tl-key-item"><span class="tl-key tl-key-uncertain" aria-hidden="true"></span>'
        yield escape(environment.finalize(context.call(environment.getattr((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'words'), 'legend_uncertain')))
        yield '</span> <span class="tl-key-item"><span class="tl-key tl-key-open" aria-hidden="true"></span>'
        yield escape(environment.finalize(context.call(environment.getattr((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'words'), 'legend_open')))
        yield escape(environment.finalize(context.call((undefined(name='ui') if l_0_ui is missing else l_0_ui), '。', '.')))
        yield '</span>'
        yield escape(environment.finalize(context.call((undefined(name='ui') if l_0_ui is missing else l_0_ui), '', ' ')))
        yield '<span class="tl-hint">'
        yield escape(environment.finalize(context.call(environment.getattr((undefined(name='ui') if l_0_ui is missing else l_0_ui), 'words'), 'legend_hint')))
        yield '</span>'
    yield '</figcaption>\n</figure>\n'

blocks = {}
debug_info = '3=16&4=28&5=34&6=81&7=104&8=115&9=122&11=136'