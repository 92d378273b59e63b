(function () {
  'use strict';
  // Renders the page from the two JSON blocks HtmlReport wrote. Model answers arrive as HTML sanitised in Java
  // (responseHtml); every other text is inserted as text, never as markup.
  var report = JSON.parse(document.getElementById('ps-report').textContent);
  var cases = JSON.parse(document.getElementById('ps-cases').textContent);
  var files = report.files || [];
  var BATCH = 100;
  var SVG = 'http://www.w3.org/2000/svg';

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') { e.textContent = attrs[k]; } else if (attrs[k] != null) { e.setAttribute(k, attrs[k]); }
    });
    (children || []).forEach(function (c) {
      if (c != null) { e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); }
    });
    return e;
  }
  function svg(tag, attrs, text) {
    var e = document.createElementNS(SVG, tag);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text != null) { e.textContent = text; }
    return e;
  }
  function count(n) { return n == null ? '–' : Number(n).toLocaleString('en-US'); }
  function money(x) { // a short answer costs a few millionths of a dollar: two significant digits keep it visible
    return x == null ? '–' : x === 0 ? '$0' : '$' + (x >= 1 ? x.toFixed(2) : x >= 0.01 ? x.toFixed(4) : x.toPrecision(2));
  }
  function percent(x) { return x == null ? '–' : (Math.round(x * 10) / 10) + '%'; }
  function millis(x) { return x == null ? '–' : x >= 1000 ? (x / 1000).toFixed(1) + ' s' : x + ' ms'; }
  function score(x) { return x == null ? '–' : (Math.round(x * 100) / 100).toString(); }
  function fileOf(c) { return (files[c.fileIndex] || {}).file || ''; }
  function latencyOf(c) { return c.response ? c.response.latencyMs : null; }
  function flaky(c) { return !!(c.sampling && c.sampling.flaky); }
  function table(headers, rows) {
    return el('table', {}, [el('thead', {}, [el('tr', {}, headers.map(function (h) { return el('th', { text: h }); }))]),
      el('tbody', {}, rows.map(function (r) {
        return el('tr', {}, r.map(function (v) { return v instanceof Node ? el('td', {}, [v]) : el('td', { text: v == null ? '' : String(v) }); }));
      }))]);
  }
  function block(id, title, children) {
    return el('section', { id: id, 'class': 'block' }, [el('h2', { text: title })].concat(children));
  }
  function badge(text, kind) { return el('span', { 'class': 'badge ' + (kind || text), text: text }); }
  function distinct(values) {
    var seen = {};
    values.forEach(function (v) { if (v != null && v !== '') { seen[v] = true; } });
    return Object.keys(seen).sort();
  }

  // ---- header and summary
  var s = report.summary || {};
  var run = [];
  if (report.startedAt) { run.push('Started ' + report.startedAt.replace(/\.\d+/, '').replace('T', ' ').replace('Z', ' UTC')); }
  if (report.shard) { run.push('shard ' + report.shard.index + ' of ' + report.shard.count); }
  if (report.suite) { run.push('suite ' + report.suite); }
  document.getElementById('ps-run').textContent = run.join(' · ');
  var calls = s.calls || {};
  var liveCost = calls['promptspec.cost-usd'] != null ? Number(calls['promptspec.cost-usd']) : null;
  var replayedCost = calls['promptspec.replayed.cost-usd'] != null ? Number(calls['promptspec.replayed.cost-usd']) : null;
  var casesCost = cases.reduce(function (sum, c) { return c.costUsd != null ? (sum || 0) + c.costUsd : sum; }, null);
  var duration = report.startedAt && report.finishedAt ? Date.parse(report.finishedAt) - Date.parse(report.startedAt) : null;
  var usage = s.usage || {};
  var tiles = [
    ['cases', 'Cases', count(s.totalTests)],
    ['passed', 'Passed', count(s.passedTests)],
    ['failed', 'Failed', count(s.failedTests), s.failedTests > 0],
    ['errors', 'Errors', count(s.erroredTests), s.erroredTests > 0],
    ['flaky', 'Flaky', count(s.sampling ? s.sampling.flakyCases : cases.filter(flaky).length)],
    ['pass-rate', 'Pass rate', percent(s.passRate)],
    ['tokens', 'Tokens in / out', count(usage.inputTokens) + ' / ' + count(usage.outputTokens)],
    ['cost', liveCost != null ? 'Cost (live)' : 'Cost (estimated)', money(liveCost != null ? liveCost : casesCost)],
    ['duration', 'Duration', millis(duration)]
  ];
  if (replayedCost) { tiles.push(['replayed-cost', 'Replays would cost', money(replayedCost)]); }
  var summary = document.getElementById('ps-summary');
  tiles.forEach(function (t) {
    summary.appendChild(el('div', { 'class': 'tile' + (t[3] ? ' bad' : ''), 'data-key': t[0] },
      [el('span', { 'class': 'label', text: t[1] }), el('span', { 'class': 'value', text: t[2] })]));
  });

  // ---- sections: files that cannot run, and what other features add (each only when present)
  var sections = document.getElementById('ps-sections');
  var invalid = files.filter(function (f) { return f.status === 'error' && f.problems; });
  if (invalid.length) {
    sections.appendChild(block('ps-invalid', 'Files that cannot run', invalid.map(function (f) {
      return el('div', {}, [el('h3', { text: f.file }), el('pre', { text: f.problems.map(function (p) { return p.text || p.message; }).join('\n') })]);
    })));
  }
  function refLabel(r) { return (r.file || '') + ' · ' + (r.displayName || r['case'] || '') + (r.model ? ' · ' + r.model : ''); }
  function refList(title, refs, extra) {
    if (!refs || !refs.length) { return null; }
    var rows = refs.map(function (r) { return [r.file, r.displayName || r['case'], r.model || ''].concat(extra ? extra(r) : []); });
    return el('details', { open: refs.length <= 10 ? '' : null }, [el('summary', { text: title + ' (' + refs.length + ')' }),
      table(['File', 'Case', 'Model'].concat(extra ? extra.headers : []), rows)]);
  }
  var b = report.baseline;
  if (b) {
    var noiseCols = function (r) { return [percent(100 * r.passRateBefore), percent(100 * r.passRateAfter), score(r.pValue)]; };
    noiseCols.headers = ['Pass rate before', 'after', 'p'];
    var scoreCols = function (r) { return [r.evaluator, score(r.before), score(r.after)]; };
    scoreCols.headers = ['Evaluator', 'Before', 'After'];
    var m = b.mcnemar;
    sections.appendChild(block('ps-baseline', 'Compared with the baseline', [
      el('p', { text: (b.path || '') + (b.finishedAt ? ' (run of ' + b.finishedAt + ')' : '') }),
      m ? el('p', { text: 'McNemar: ' + m.passedThenFailed + ' passed then failed, ' + m.failedThenPassed + ' failed then passed, p = '
        + score(m.pValue) + (m.significant ? ' (significant)' : ' (not significant)') }) : null,
      refList('Newly failing', b.newlyFailing), refList('Newly passing', b.newlyPassing), refList('Still failing', b.stillFailing),
      refList('Added', b.added), refList('Removed', b.removed), refList('Noise', b.noise, noiseCols),
      refList('Score changes', b.scoreChanges, scoreCols), refList('Changed responses', b.changedResponses)
    ]));
  }
  var mu = report.mutation;
  if (mu) {
    sections.appendChild(block('ps-mutation', 'Mutation testing', [
      el('p', { text: 'Score ' + percent(100 * mu.score) + ': ' + mu.killed + ' of ' + mu.applicable + ' mutants killed'
        + (mu.threshold != null ? ' (threshold ' + percent(100 * mu.threshold) + ')' : '') }),
      mu.files && mu.files.length ? table(['File', 'Score', 'Killed', 'Applicable'], mu.files.map(function (f) {
        return [f.file, percent(100 * f.score), f.killed, f.applicable];
      })) : null
    ]));
  }
  var ba = report.batch;
  if (ba) {
    sections.appendChild(block('ps-batch', 'Batch', [
      el('p', { text: count(ba.submittedCalls) + ' calls submitted in batches; estimated cost ' + money(ba.estimatedCost)
        + (ba.savedVersusLive != null ? ', ' + money(ba.savedVersusLive) + ' less than live calls' : '') }),
      ba.jobs && ba.jobs.length ? table(['Job', 'Status', 'Requests', 'Failed'], ba.jobs.map(function (j) {
        return [j.id, j.status, j.requests, j.failed];
      })) : null
    ]));
  }

  // ---- charts: inline SVG, drawn from the cases
  function bars(rows, format) {
    var max = rows.reduce(function (m, r) { return Math.max(m, r.value); }, 0);
    var width = 460, labelWidth = 170, h = rows.length * 20 + 4;
    var chart = svg('svg', { width: width, height: h, viewBox: '0 0 ' + width + ' ' + h, role: 'img' });
    rows.forEach(function (r, i) {
      var y = i * 20 + 2;
      var w = max > 0 ? (width - labelWidth - 80) * r.value / max : 0;
      var label = svg('text', { x: 0, y: y + 13 }, r.label.length > 28 ? '…' + r.label.slice(-27) : r.label);
      label.appendChild(svg('title', {}, r.label));
      chart.appendChild(label);
      chart.appendChild(svg('rect', { x: labelWidth, y: y + 2, width: Math.max(w, 1), height: 14, 'class': 'bar' + (r.low ? ' low' : '') }));
      chart.appendChild(svg('text', { x: labelWidth + w + 4, y: y + 13 }, format(r.value)));
    });
    return chart;
  }
  function figure(id, caption, content) {
    return el('figure', { id: id }, [el('figcaption', { text: caption }), content]);
  }
  var charts = document.getElementById('ps-charts');
  var perFile = {}; // by name: a merged report may list one file once per shard
  cases.forEach(function (c) {
    var f = perFile[fileOf(c)] || (perFile[fileOf(c)] = { total: 0, passed: 0 });
    f.total++;
    if (c.status === 'passed') { f.passed++; }
  });
  var rates = Object.keys(perFile).map(function (name) {
    var f = perFile[name];
    return { label: name, value: 100 * f.passed / f.total, low: f.passed < f.total };
  })
    .sort(function (x, y) { return x.value - y.value; });
  if (rates.length) {
    charts.appendChild(figure('ps-chart-files', rates.length > 25 ? 'Pass rate per file (the 25 lowest of ' + rates.length + ')'
      : 'Pass rate per file', bars(rates.slice(0, 25), percent)));
  }
  var latencies = cases.map(latencyOf).filter(function (x) { return x != null; });
  if (latencies.length) {
    var top = latencies.reduce(function (m, x) { return Math.max(m, x); }, 0);
    var bins = 10, step = Math.max(1, Math.ceil((top + 1) / bins));
    var counts = [];
    for (var i = 0; i < bins; i++) { counts.push(0); }
    latencies.forEach(function (x) { counts[Math.min(bins - 1, Math.floor(x / step))]++; });
    charts.appendChild(figure('ps-chart-latency', 'Latency (' + count(latencies.length) + ' answers)', bars(counts.map(function (n, k) {
      return { label: millis(k * step) + ' – ' + millis((k + 1) * step), value: n };
    }), count)));
  }
  var perModel = {};
  cases.forEach(function (c) {
    if (c.costUsd != null) { var key = c.model || '(unknown)'; perModel[key] = (perModel[key] || 0) + c.costUsd; }
  });
  var modelCosts = Object.keys(perModel).sort().map(function (k) { return { label: k, value: perModel[k] }; });
  if (modelCosts.length) {
    charts.appendChild(figure('ps-chart-cost', 'Cost per model (replays priced as live)', bars(modelCosts, money)));
  }

  // ---- prompt × model matrix, when one case was asked of several models
  var groups = {};
  var order = [];
  cases.forEach(function (c) {
    var key = c.fileIndex + '\u0000' + c['case'];
    if (!groups[key]) { groups[key] = []; order.push(key); }
    groups[key].push(c);
  });
  var multi = order.map(function (k) { return groups[k]; })
    .filter(function (g) { return distinct(g.map(function (c) { return c.model; })).length > 1; });
  if (multi.length) {
    var models = distinct([].concat.apply([], multi.map(function (g) { return g.map(function (c) { return c.model; }); })));
    var matrix = document.getElementById('ps-matrix');
    matrix.hidden = false;
    matrix.className = 'block';
    var body = el('tbody');
    var shownRows = 0;
    var moreRows = el('button', { type: 'button', 'class': 'more' });
    var showRows = function () {
      multi.slice(shownRows, shownRows + 200).forEach(function (g) {
        var cells = models.map(function (m) {
          var c = g.filter(function (x) { return x.model === m; })[0];
          return c ? el('td', {}, [badge(c.status), ' ' + score(c.score) + ' · ' + money(c.costUsd) + ' · ' + millis(latencyOf(c))])
            : el('td', { text: '–' });
        });
        body.appendChild(el('tr', {}, [el('td', { text: fileOf(g[0]) + ' · ' + g[0]['case'] })].concat(cells)));
      });
      shownRows = Math.min(multi.length, shownRows + 200);
      moreRows.textContent = 'Show more (' + (multi.length - shownRows) + ' left)';
      moreRows.hidden = shownRows >= multi.length;
    };
    moreRows.addEventListener('click', showRows);
    matrix.appendChild(el('h2', { text: 'Models side by side' }));
    matrix.appendChild(el('p', { 'class': 'muted', text: 'Each cell: verdict, score, cost, latency.' }));
    matrix.appendChild(el('table', {}, [el('thead', {}, [el('tr', {}, [el('th', { text: 'Case' })].concat(models.map(function (m) {
      return el('th', { text: m });
    })))]), body]));
    matrix.appendChild(moreRows);
    showRows();
  }

  // ---- one case
  function failures(c) {
    var items = (c.evaluationResults || []).filter(function (e) { return !e.passed; }).map(function (e) {
      return el('li', { text: e.evaluatorName + ' (' + e.kind + '): ' + e.details + (e.error ? ' [' + e.error + ']' : '') });
    });
    if (c.error) { items.push(el('li', { text: c.error })); }
    return items.length ? el('ul', { 'class': 'failures' }, items) : null;
  }
  function details(c) {
    var parts = [];
    if (c.messages && c.messages.length) {
      parts.push(el('h3', { text: 'Prompt' }));
      c.messages.forEach(function (m) {
        parts.push(el('div', { 'class': 'msg' }, [el('span', { 'class': 'role', text: m.role }), el('pre', { text: m.content })]));
      });
    }
    var vars = Object.keys(c.testCase || {});
    if (vars.length) {
      parts.push(el('h3', { text: 'Variables' }));
      parts.push(table(['Name', 'Value'], vars.map(function (k) { return [k, c.testCase[k]]; })));
    }
    if (c.responseHtml != null) {
      parts.push(el('h3', { text: 'Response' }));
      var md = el('div', { 'class': 'md response' });
      md.innerHTML = c.responseHtml; // sanitised in Java (ResponseHtml), and this page's policy runs no other script
      parts.push(md);
      parts.push(el('details', {}, [el('summary', { text: 'as text' }), el('pre', { text: c.modelResponse })]));
    }
    if (c.evaluationResults && c.evaluationResults.length) {
      parts.push(el('h3', { text: 'Evaluators' }));
      parts.push(table(['Evaluator', 'Kind', 'Verdict', 'Score', 'Weight', 'Detail'], c.evaluationResults.map(function (e) {
        return [e.evaluatorName, e.kind, badge(e.passed ? 'passed' : 'failed'), score(e.score), score(e.weight),
          e.details + (e.error ? ' [' + e.error + ']' : '')];
      })));
    }
    var r = c.response;
    if (r || c.model) {
      var u = (r && r.usage) || {};
      parts.push(el('h3', { text: 'Usage' }));
      parts.push(table(['Model', 'Answered by', 'Origin', 'Tokens in', 'Tokens out', 'Latency', 'Attempts', 'Finish', 'Cost', 'Duration'],
        [[c.model, r && r.model, r && r.origin, count(u.inputTokens), count(u.outputTokens), millis(r && r.latencyMs), r && r.attempts,
          r && r.finishReason, money(c.costUsd), millis(c.durationMs)]]));
    }
    if (c.sampling) {
      parts.push(el('h3', { text: 'Samples' }));
      parts.push(el('p', { text: c.sampling.summary }));
      parts.push(table(['Sample', 'Status', 'Score', 'Failed checks', 'Response'], (c.sampling.sampleResults || []).map(function (x) {
        return [x.sample, badge(x.status), score(x.score), (x.failedChecks || []).join(', '), el('pre', { text: x.modelResponse || x.error || '' })];
      })));
    }
    if (c.mutation) {
      parts.push(el('h3', { text: 'Mutants (' + c.mutation.killed + ' of ' + c.mutation.applicable + ' killed)' }));
      parts.push(table(['Operator', 'Status', 'Killed by', 'Change'], (c.mutation.mutants || []).map(function (x) {
        return [x.operator, badge(x.status), x.killedBy || '', x.diff];
      })));
    }
    return el('div', { 'class': 'case-body' }, parts);
  }
  function row(c) {
    var li = el('li', { 'class': 'case ' + c.status, 'data-status': c.status });
    var head = el('button', { type: 'button', 'class': 'case-head', 'aria-expanded': 'false' }, [
      badge(c.status), flaky(c) ? badge('flaky', 'other') : null, c.baseline ? badge(c.baseline) : null,
      el('span', { 'class': 'name', text: c.displayName }),
      el('span', { 'class': 'where', text: fileOf(c) + ':' + c.line }),
      c.model ? el('span', { 'class': 'model', text: c.model }) : null,
      el('span', { 'class': 'nums', text: 'score ' + score(c.score) + ' · ' + millis(latencyOf(c)) + ' · ' + money(c.costUsd) })
    ]);
    li.appendChild(head);
    if (c.status !== 'passed') { var f = failures(c); if (f) { li.appendChild(f); } }
    var body = null;
    head.addEventListener('click', function () {
      if (!body) { body = details(c); li.appendChild(body); } else { body.hidden = !body.hidden; }
      head.setAttribute('aria-expanded', String(!body.hidden));
    });
    return li;
  }

  // ---- filters and the lazily rendered list
  var form = document.getElementById('ps-filters');
  function select(name, label, options) {
    var s = el('select', { name: name, id: 'ps-filter-' + name }, [el('option', { value: '', text: 'all' })].concat(options.map(function (o) {
      return Array.isArray(o) ? el('option', { value: o[0], text: o[1] }) : el('option', { value: o, text: o });
    })));
    form.appendChild(el('label', {}, [label, s]));
    return s;
  }
  var filters = {
    status: select('status', 'Status', [['not-passed', 'not passed'], 'passed', 'failed', 'error', 'aborted', 'flaky']),
    file: select('file', 'File', distinct(files.filter(function (f) { return f.cases > 0; }).map(function (f) { return f.file; }))),
    tag: select('tag', 'Tag', distinct([].concat.apply([], cases.map(function (c) { return c.tags || []; })))),
    model: select('model', 'Model', distinct(cases.map(function (c) { return c.model; }))),
    evaluator: select('evaluator', 'Evaluator', distinct([].concat.apply([], cases.map(function (c) {
      return (c.evaluationResults || []).map(function (e) { return e.evaluatorName; });
    }))))
  };
  var baselines = distinct(cases.map(function (c) { return c.baseline; }));
  if (baselines.length) { filters.baseline = select('baseline', 'Baseline', baselines); }
  var search = el('input', { type: 'search', name: 'text', id: 'ps-filter-text', placeholder: 'name, variable or answer' });
  form.appendChild(el('label', {}, ['Text', search]));
  form.addEventListener('submit', function (e) { e.preventDefault(); });

  function matches(c) {
    var v = filters.status.value;
    if (v === 'not-passed' ? c.status === 'passed' : v === 'flaky' ? !flaky(c) : v && c.status !== v) { return false; }
    if (filters.file.value && fileOf(c) !== filters.file.value) { return false; }
    if (filters.tag.value && (c.tags || []).indexOf(filters.tag.value) < 0) { return false; }
    if (filters.model.value && c.model !== filters.model.value) { return false; }
    if (filters.evaluator.value && !(c.evaluationResults || []).some(function (e) { return e.evaluatorName === filters.evaluator.value; })) {
      return false;
    }
    if (filters.baseline && filters.baseline.value && c.baseline !== filters.baseline.value) { return false; }
    var text = search.value.trim().toLowerCase();
    if (text) {
      var hay = [c.displayName, c['case'], c.modelResponse].concat(Object.keys(c.testCase || {}).map(function (k) { return c.testCase[k]; }));
      if (!hay.some(function (h) { return h != null && String(h).toLowerCase().indexOf(text) >= 0; })) { return false; }
    }
    return true;
  }
  var rank = { error: 0, failed: 1, aborted: 2, passed: 3 };
  var sorted = cases.map(function (c, i) { return { c: c, i: i }; }).sort(function (x, y) {
    return ((rank[x.c.status] == null ? 2 : rank[x.c.status]) - (rank[y.c.status] == null ? 2 : rank[y.c.status])) || x.i - y.i;
  }).map(function (x) { return x.c; }); // what did not pass first
  var rows = document.getElementById('ps-rows');
  var shown = 0;
  var filtered = [];
  var more = el('button', { type: 'button' });
  document.getElementById('ps-more').appendChild(more);
  function renderMore() {
    var end = Math.min(filtered.length, shown + BATCH);
    var fragment = document.createDocumentFragment();
    for (; shown < end; shown++) { fragment.appendChild(row(filtered[shown])); }
    rows.appendChild(fragment);
    more.textContent = 'Show more (' + count(filtered.length - shown) + ' left)';
    more.hidden = shown >= filtered.length;
  }
  function apply() {
    filtered = sorted.filter(matches);
    shown = 0;
    rows.textContent = '';
    document.getElementById('ps-count').textContent = count(filtered.length) + ' of ' + count(cases.length) + ' cases';
    renderMore();
  }
  more.addEventListener('click', renderMore);
  if ('IntersectionObserver' in window) { // rows are added as the reader scrolls near the end of the list
    new IntersectionObserver(function (entries) {
      if (entries.some(function (e) { return e.isIntersecting; }) && shown < filtered.length) { renderMore(); }
    }, { rootMargin: '600px' }).observe(document.getElementById('ps-more'));
  }
  Object.keys(filters).forEach(function (k) { filters[k].addEventListener('change', apply); });
  search.addEventListener('input', apply);
  apply();
}());
