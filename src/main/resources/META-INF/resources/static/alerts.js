// Acknowledge, silence and end silences from the index page, through the same API scripts use.
(function () {
  async function send(method, url, body) {
    const response = await fetch(url, {
      method: method,
      // Every change is JSON, even one without a body: Pipewatch refuses other types as possible cross-site forgeries.
      headers: {'Content-Type': 'application/json'},
      body: body ? JSON.stringify(body) : undefined
    });
    if (!response.ok) {
      let message = response.status + ' ' + response.statusText;
      try { message = (await response.json()).error || message; } catch (ignored) { /* not JSON */ }
      throw new Error(message);
    }
    return response;
  }

  // Times read relative ("3 min ago", "in 2 h"), the absolute time on hover; kept current while the page is open.
  function relative(at, now) {
    const ms = at - now;
    const s = Math.round(Math.abs(ms) / 1000);
    const text = s < 60 ? s + ' s'
      : s < 3600 ? Math.round(s / 60) + ' min'
      : s < 86400 ? Math.floor(s / 3600) + ' h' + (Math.round(s / 60) % 60 ? ' ' + Math.round(s / 60) % 60 + ' min' : '')
      : Math.floor(s / 86400) + ' d' + (Math.floor(s / 3600) % 24 ? ' ' + Math.floor(s / 3600) % 24 + ' h' : '');
    return ms <= 0 ? text + ' ago' : 'in ' + text;
  }

  // Each time is relative to "now" on the clock it was read from, as the server said when it made the page,
  // moved on at that clock's speed (the demo may run faster than the wall).
  const loaded = Date.now();
  function showRelativeTimes() {
    document.querySelectorAll('time[data-relative]').forEach(t => {
      const at = Date.parse(t.getAttribute('datetime'));
      const then = Date.parse(t.getAttribute('data-now'));
      const speed = parseFloat(t.getAttribute('data-speed')) || 1;
      if (!isNaN(at) && !isNaN(then)) t.textContent = relative(at, then + (Date.now() - loaded) * speed);
    });
  }
  showRelativeTimes();
  setInterval(showRelativeTimes, 15000);

  function show(error) {
    document.querySelector('[data-silence-error]').textContent = error.message;
  }

  // Listened for on the document, not on each row: the alert list is replaced as it updates live.
  document.addEventListener('submit', async event => {
    const form = event.target.closest('[data-ack-form]');
    if (!form) return;
    event.preventDefault();
    const id = form.getAttribute('data-ack-form');
    try {
      await send('POST', '/api/alerts/' + encodeURIComponent(id) + '/ack', {comment: form.elements.comment.value});
      location.reload();
    } catch (e) { show(e); }
  });

  // Prefills the silence form with the alarm, so silencing one alert is two fields away.
  document.addEventListener('click', event => {
    const button = event.target.closest('[data-silence-alarm]');
    if (!button) return;
    const form = document.getElementById('silence-form');
    form.elements.matchers.value = 'alarm=' + button.getAttribute('data-silence-alarm');
    form.elements.comment.focus();
    form.scrollIntoView();
  });

  // The index keeps its alerts and incidents current: the same page, fetched again, replaces those parts, unless
  // the viewer is typing in them (an acknowledgement note would be lost).
  const live = document.querySelectorAll('[data-live-part]');
  if (live.length) {
    let refreshes = 0;
    setInterval(async () => {
      if ([...live].some(part => part.contains(document.activeElement) && document.activeElement.matches('input, select'))) return;
      try {
        const response = await fetch(location.href, {headers: {'Accept': 'text/html'}});
        if (!response.ok) return;
        const fresh = new DOMParser().parseFromString(await response.text(), 'text/html');
        document.querySelectorAll('[data-live-part]').forEach(part => {
          const replacement = fresh.getElementById(part.id);
          if (replacement) part.innerHTML = replacement.innerHTML;
        });
        document.body.dataset.liveRefreshes = String(++refreshes);
        showRelativeTimes();
      } catch (ignored) { /* the next turn tries again */ }
    }, 5000);
  }

  const silenceForm = document.getElementById('silence-form');
  if (silenceForm) silenceForm.addEventListener('submit', async event => {
    event.preventDefault();
    const f = silenceForm.elements;
    try {
      await send('POST', '/api/silences', {
        matchers: f.matchers.value.split(',').map(m => m.trim()).filter(m => m.length > 0),
        duration: f.duration.value, comment: f.comment.value
      });
      location.reload();
    } catch (e) { show(e); }
  });

  document.querySelectorAll('[data-expire-silence]').forEach(button => button.addEventListener('click', async () => {
    try {
      await send('DELETE', '/api/silences/' + encodeURIComponent(button.getAttribute('data-expire-silence')));
      location.reload();
    } catch (e) { show(e); }
  }));
})();
