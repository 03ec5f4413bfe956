(function () {
  "use strict";
  var doc = document, root = doc.documentElement;
  var form = doc.querySelector(".tl-controls");
  if (!form) { return; }
  var data = JSON.parse(doc.getElementById("tl-data").textContent);
  var query = doc.getElementById("tl-q"), actor = doc.getElementById("tl-actor");
  var count = doc.getElementById("tl-count"), toggle = doc.getElementById("tl-lang");
  var nomatch = doc.getElementById("tl-nomatch");
  var boxes = [].slice.call(doc.querySelectorAll("#tl-topics input[name=topic]"));
  // Maps keyed by event id are made without a prototype: an event may be called "constructor".
  var marks = Object.create(null), allMarks = doc.getElementsByClassName("tl-mark"), axis = doc.getElementById("tl-axis");
  // Fading the marks of hidden entries: a long overview's bars (data-long: over 2000 marks, overview.py's LONG)
  // stand for several entries each, and stay as they are.
  var fade = !(axis && axis.hasAttribute("data-long"));
  if (fade) {
    [].forEach.call(allMarks, function (mark) {
      var id = mark.getAttribute("data-event");
      (marks[id] = marks[id] || []).push(mark);
    });
  }
  // Each entry once, with its place among the sections: a filter then counts what each section shows in one pass
  // and touches the page only where something changes (no selector run per section, no layout read).
  var sections = [], years = [];
  var items = [].map.call(doc.getElementsByClassName("tl-event"), function (article) {
    var li = article.parentNode, section = li.parentNode.parentNode, year = section.parentNode;
    if (sections[sections.length - 1] !== section) { sections.push(section); }
    if (years[years.length - 1] !== year) { years.push(year); }
    return {
      article: article, li: li, id: article.id.slice(6), text: null, shown: true,
      section: sections.length - 1, year: years.length - 1,
      topics: (article.getAttribute("data-topics") || "").split(" "),
      actors: (article.getAttribute("data-actors") || "").split(" ")
    };
  });
  var sectionShown = sections.map(function () { return true; }), yearShown = years.map(function () { return true; });

  // Case- and width-insensitive, as the command line's --search folds (names.fold: NFKC, then casefold).
  function fold(text) { return text.normalize("NFKC").toLowerCase().replace(/\u00df/g, "ss"); }
  function isState(hash) { return /(^|&)(q|topic|actor|lang)=/.test(hash); }
  function words(key) { return data.words[root.getAttribute("data-timeline-lang")][key]; }

  function state() {
    return {
      q: query.value.trim(),
      topics: boxes.filter(function (box) { return box.checked; }).map(function (box) { return box.value; }),
      actor: actor.value
    };
  }

  // The text search looks through, built once (at the first search, or when the page is idle after loading): the
  // entry's text, its topics in both languages (the tags show one) and the quotes its footnotes hold.
  var indexed = false;
  function index() {
    if (indexed) { return; }
    var quotes = Object.create(null);
    [].forEach.call(doc.getElementsByClassName("tl-use"), function (use) {
      (use.getAttribute("data-events") || "").split(" ").forEach(function (id) {
        quotes[id] = (quotes[id] || "") + " " + use.textContent;
      });
    });
    items.forEach(function (item) {
      var names = item.topics.map(function (t) { var n = data.topics[t]; return n ? n.ja + " " + n.en : ""; });
      item.text = fold(item.article.textContent + " " + names.join(" ") + " " + (quotes[item.id] || ""));
    });
    indexed = true;
  }

  function matches(item, wanted, needle) {
    if (wanted.topics.length && !wanted.topics.some(function (t) { return item.topics.indexOf(t) >= 0; })) { return false; }
    if (wanted.actor && item.actors.indexOf(wanted.actor) < 0) { return false; }
    return !needle || item.text.indexOf(needle) >= 0;
  }

  function apply() {
    var wanted = state(), needle = fold(wanted.q), shown = 0;
    var inSection = sections.map(function () { return 0; }), inYear = years.map(function () { return 0; });
    if (needle) { index(); }
    items.forEach(function (item) {
      var visible = matches(item, wanted, needle);
      if (visible) { shown += 1; inSection[item.section] += 1; inYear[item.year] += 1; }
      if (item.shown !== visible) {
        item.shown = visible;
        item.li.hidden = !visible;
        if (fade) { (marks[item.id] || []).forEach(function (mark) { mark.classList.toggle("tl-mark-out", !visible); }); }
      }
    });
    show(sections, sectionShown, inSection);
    show(years, yearShown, inYear);
    nomatch.hidden = shown > 0 || items.length === 0;
    // 10,000 / 10,000件: numbers grouped as the page's other words write them (the overview's title)
    count.textContent = words("count").replace("{shown}", shown.toLocaleString("en-US"))
      .replace("{total}", items.length.toLocaleString("en-US"));
    remember(wanted);
  }

  function show(elements, shown, counts) {
    counts.forEach(function (n, i) {
      if (shown[i] !== n > 0) { shown[i] = n > 0; elements[i].hidden = !shown[i]; }
    });
  }

  function remember(wanted) {
    var params = new URLSearchParams();
    if (wanted.q) { params.set("q", wanted.q); }
    wanted.topics.forEach(function (t) { params.append("topic", t); });
    if (wanted.actor) { params.set("actor", wanted.actor); }
    if (root.getAttribute("data-timeline-lang") !== data.lang) { params.set("lang", root.getAttribute("data-timeline-lang")); }
    var hash = params.toString();
    if (("#" + hash) === location.hash || (!hash && !isState(location.hash.slice(1)))) { return; }
    try { history.replaceState(null, "", hash ? "#" + hash : location.pathname + location.search); } catch (e) { /* a sandboxed frame */ }
  }

  function restore(hash) {
    var params = new URLSearchParams(hash);
    query.value = params.get("q") || "";
    var topics = params.getAll("topic");
    boxes.forEach(function (box) { box.checked = topics.indexOf(box.value) >= 0; });
    actor.value = params.get("actor") || "";
    if (actor.selectedIndex < 0) { actor.value = ""; }
    setLanguage(params.get("lang") === "ja" || params.get("lang") === "en" ? params.get("lang") : data.lang);
  }

  function setLanguage(lang) {
    root.setAttribute("data-timeline-lang", lang);
    root.setAttribute("lang", lang);
    // An --internal page's title starts with its banner (render/banner.py), in the language shown.
    var banner = doc.querySelector(".tl-internal .tl-l-" + lang) || doc.querySelector(".tl-internal");
    doc.title = (banner ? banner.textContent + " · " : "") + data.title[lang];
    toggle.textContent = data.words[lang].switch_to;
    toggle.setAttribute("lang", lang === "ja" ? "en" : "ja");
    toggle.setAttribute("aria-label", data.words[lang].switch_label);
    actor.options[0].textContent = data.words[lang].all_actors;
    [].forEach.call(actor.options, function (option) {
      if (option.value && data.actors[option.value]) { option.textContent = data.actors[option.value][lang]; }
    });
    [].forEach.call(doc.querySelectorAll(".tl-tick-label, .tl-tick-top"), function (label) {
      label.textContent = label.getAttribute("data-" + lang);  // 500 B.C. / 紀元前500年, as the text writes years
    });
    [].forEach.call(doc.querySelectorAll(".tl-break title, .tl-bar title"), function (title) {
      title.textContent = title.parentNode.getAttribute("data-" + lang);  // both languages written in the page
    });
    var named = doc.getElementById("tl-axis-title");
    if (named) { named.textContent = named.getAttribute("data-" + lang); }
    [].forEach.call(doc.querySelectorAll(".tl-lane-label"), function (label) {
      var names = data.topics[label.getAttribute("data-topic")];
      if (names) { label.textContent = names[lang]; }
    });
    // The tags carry one language (the other is in the data, once): each in the order of the entry's data-topics.
    items.forEach(function (item) {
      var tags = item.article.lastElementChild;
      if (!tags || tags.className !== "tl-tags") { return; }
      [].forEach.call(tags.children, function (tag, i) {
        var names = data.topics[item.topics[i]];
        if (names) { tag.textContent = names[lang]; }
      });
    });
    if (fade) { [].forEach.call(allMarks, retitle); }
    // What a screen reader says of the permalinks and the back-links ("Back to the text (1-2)"), in the language shown.
    var permalink = data.words[lang].permalink, back = data.words[lang].back;
    [].forEach.call(doc.getElementsByClassName("tl-permalink"), function (link) {
      link.setAttribute("aria-label", permalink);
    });
    [].forEach.call(doc.getElementsByClassName("tl-backref"), function (link) {
      link.setAttribute("aria-label", back + " (" + link.getAttribute("href").slice(7) + ")");  // #fnref-1-2
    });
  }

  // A mark's tooltip in the language shown: the entry's date line and title, as the page wrote them.
  function retitle(mark) {
    var lang = root.getAttribute("data-timeline-lang");
    if (mark.getAttribute("data-lang") === lang) { return; }
    var article = doc.getElementById("event-" + mark.getAttribute("data-event"));
    if (!article) { return; }
    var title = mark.querySelector("title");
    if (!title) { return; }
    title.textContent = pick(article.querySelector(".tl-date-text"), lang) + " — " +
      pick(article.querySelector(".tl-title-text"), lang);
    mark.setAttribute("data-lang", lang);
  }

  // The text of `element` in one language: every part of it but the other language's spans (a title written once
  // for both languages, then "(scheduled)" in each, keeps its title).
  function pick(element, lang) {
    var other = lang === "ja" ? "tl-l-en" : "tl-l-ja", text = "";
    for (var node = element.firstChild; node; node = node.nextSibling) {
      if (node.nodeType === 3) { text += node.nodeValue; }
      else if (node.nodeType === 1 && !node.classList.contains(other)) { text += pick(node, lang); }
    }
    return text;
  }

  // A link to one event (#event-ID), or a back-link to a mark in one (#fnref-N-M), shows it whatever the filters
  // say: they are cleared, then the page goes there. A back-link brings the entry's date and title into view with
  // its mark, where they fit on the screen together (the stylesheet alone can only keep a margin above the mark).
  function reveal() {
    var hash = location.hash;
    if (hash.indexOf("#event-") !== 0 && hash.indexOf("#fnref-") !== 0) { return false; }
    var id = hash.slice(1);
    try { id = decodeURIComponent(id); } catch (e) { /* a malformed escape (%E0%A4%A): the id as written */ }
    var target = doc.getElementById(id), article = target && target.closest("article.tl-event");
    if (!article) { return false; }
    if (article.parentNode.hidden) {
      var lang = root.getAttribute("data-timeline-lang");
      form.reset();
      query.value = "";
      apply();
      setLanguage(lang);
    }
    article.scrollIntoView();
    if (target === article) {
      target.setAttribute("tabindex", "-1");
    } else if (target.getBoundingClientRect().bottom > window.innerHeight) {
      target.scrollIntoView({ block: "center" });  // an entry taller than the screen: the mark first
    }
    target.focus({ preventScroll: true });
    return true;
  }

  var timer = null;
  query.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(apply, 120); });
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  toggle.addEventListener("click", function () {
    setLanguage(root.getAttribute("data-timeline-lang") === "ja" ? "en" : "ja");
    apply();
  });
  window.addEventListener("hashchange", function () {
    if (!reveal() && isState(location.hash.slice(1))) { restore(location.hash.slice(1)); apply(); }
  });

  // A screen narrower than the overview (a phone: it scrolls sideways in its frame) opens it where the marks are,
  // centred on their middle one, not at its first year (a story of 2025 with one event in 2023 opened on 2023).
  // The lanes' names then follow the frame's left edge, so a lane scrolled to its marks still says what it is
  // (print sets them back: page.css).
  function centreOverview() {
    var frame = axis && axis.parentNode;
    if (!frame || !allMarks.length) { return; }
    var labels = axis.getElementsByClassName("tl-lane-label");
    function scale() { return axis.getBoundingClientRect().width / axis.viewBox.baseVal.width; }
    function keepLabels() {
      var shift = "translateX(" + (frame.scrollLeft / scale()).toFixed(1) + "px)";
      [].forEach.call(labels, function (label) { label.style.transform = shift; });
    }
    frame.addEventListener("scroll", keepLabels, { passive: true });
    if (frame.scrollWidth <= frame.clientWidth) { return; }
    var xs = [].map.call(allMarks, function (mark) {
      var shape = mark.querySelector("circle, rect");
      return shape.tagName === "circle" ? +shape.getAttribute("cx")
        : +shape.getAttribute("x") + shape.getAttribute("width") / 2;
    }).sort(function (a, b) { return a - b; });
    frame.scrollLeft = xs[xs.length >> 1] * scale() - frame.clientWidth / 2;
    keepLabels();
  }

  form.hidden = false;
  centreOverview();
  var start = location.hash.slice(1);
  if (isState(start)) { restore(start); }
  apply();
  reveal();
  // The search index, while the reader looks at the page (a quarter of a second on 10 000 entries, spent once the
  // page is idle, at the latest a second after it is ready): the first search then answers as fast as the next.
  if (window.requestIdleCallback) { window.requestIdleCallback(index, { timeout: 1000 }); } else { setTimeout(index, 200); }
}());
