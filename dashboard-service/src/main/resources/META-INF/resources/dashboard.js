// The dashboard page. Live data comes from the server: the uploads list, each upload's progress and
// "totals changed" arrive on the Server-Sent Events stream /api/uploads/stream; the other tables are
// read again when a "summary" event says the data changed (plus a slow safety-net reload).
// Every value from the API is written with textContent or an attribute, never as markup, so product
// data such as "<script>" shows as text.
// The user logged in through the provider's page; the session is an HttpOnly cookie this script never sees.
// Calls to upload-service (another origin) carry the login's access token from /api/session, kept in the
// variable state.session only: never in web storage, a cookie or the log.
(function () {
  'use strict';

  const SAFETY_NET_MS = 30000;
  const TYPING_MS = 250;
  const RECONNECT_MS = 3000;
  // ask /api/session for a fresh token this long before the one held expires (it refreshes the login)
  const TOKEN_MARGIN_MS = 60000;
  const ROLES = ['viewer', 'uploader', 'editor', 'admin'];
  const TERMINAL = new Set(['COMPLETED', 'COMPLETED_WITH_ERRORS', 'FAILED']);
  const $ = (id) => document.getElementById(id);
  const number = new Intl.NumberFormat('en-US');
  const decimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

  const state = {
    config: { uploadServiceUrl: '' },
    session: { user: '', roles: [], accessToken: null, expiresAt: null },
    uploads: new Map(), // id -> latest item seen, from the snapshot or the stream
    retrying: new Set(), // ids retried from this page: their FAILED row may run again
    liveJobId: null,
    liveJobFile: '',
    file: null,
    aggregates: { q: '', page: 0, size: 25, sort: 'count', dir: 'desc', chosen: null, total: 0 },
    products: { q: '', page: 0, size: 20, total: 0, selected: null },
    stream: null,
  };

  // ---- helpers -------------------------------------------------------------------------------

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  // The login ended (401, or 499 from the code flow for a script's request): load the page again, which
  // goes through the provider's login page and comes back here.
  function loginAgain() {
    window.location.reload();
  }

  async function getJson(url) {
    const response = await fetch(url, { headers: { Accept: 'application/json', 'X-Requested-With': 'JavaScript' } });
    if (response.status === 401 || response.status === 499) {
      loginAgain();
    }
    const body = await response.json().catch(() => null);
    if (!response.ok) {
      const error = new Error(body && body.detail ? body.detail : url + ' answered ' + response.status);
      error.status = response.status;
      error.body = body;
      throw error;
    }
    noteCache(body && body.cache);
    return body;
  }

  function count(value) {
    return value === null || value === undefined ? '–' : number.format(value);
  }

  function plural(n, one, many) {
    return number.format(n) + ' ' + (n === 1 ? one : many);
  }

  function seconds(value) {
    if (value === null || value === undefined) return '–';
    if (value < 60) return decimal.format(value) + ' s';
    const minutes = Math.floor(value / 60);
    const rest = Math.round(value - minutes * 60);
    if (minutes < 60) return minutes + ' min ' + rest + ' s';
    return Math.floor(minutes / 60) + ' h ' + (minutes % 60) + ' min';
  }

  function rate(value) {
    return value ? number.format(Math.round(value)) + ' rows/s' : '–';
  }

  function eta(upload) {
    if (TERMINAL.has(upload.status)) return 'done';
    return upload.etaSeconds === null || upload.etaSeconds === undefined ? '–' : seconds(upload.etaSeconds);
  }

  function pages(total, size) {
    return Math.max(1, Math.ceil(total / size));
  }

  // A total past the service's count limit comes with totalCapped: it means "at least", shown as "10,000+".
  function pageLabel(r) {
    return 'page ' + (r.page + 1) + ' of ' + number.format(pages(r.total, r.size)) + (r.totalCapped ? '+' : '');
  }

  function totalLabel(r, one, many) {
    return r.totalCapped ? number.format(r.total) + '+ ' + many : plural(r.total, one, many);
  }

  function lastPage(r) {
    return r.totalCapped ? r.items.length < r.size : r.page + 1 >= pages(r.total, r.size);
  }

  function showError(message) {
    const box = $('load-error');
    box.textContent = message;
    box.hidden = !message;
  }

  function debounce(fn, ms) {
    let timer;
    return (...args) => {
      clearTimeout(timer);
      timer = setTimeout(() => fn(...args), ms);
    };
  }

  // ---- totals and cache ----------------------------------------------------------------------

  function noteCache(cache) {
    if (cache !== 'online' && cache !== 'offline') return;
    const status = $('cache-status');
    status.textContent = cache;
    status.dataset.cache = cache;
    $('cache-banner').hidden = cache !== 'offline';
  }

  function setTotal(id, value) {
    const node = $(id);
    node.dataset.value = String(value);
    node.textContent = number.format(value);
  }

  function renderSummary(s) {
    setTotal('total-products', s.products);
    setTotal('total-names', s.names);
    setTotal('total-uploads', s.uploads);
    const at = $('refreshed-at');
    if (s.refreshedAt) {
      at.dateTime = s.refreshedAt;
      at.textContent = new Date(s.refreshedAt).toLocaleString();
    }
    noteCache(s.cache);
  }

  async function loadSummary() {
    renderSummary(await getJson('/api/summary'));
  }

  // ---- top names chart and name lookup -------------------------------------------------------

  function renderTopNames(a) {
    const max = a.items.reduce((m, item) => Math.max(m, item.count), 0) || 1;
    const bars = a.items.map((item) => {
      const li = el('li', null, 'bar');
      li.dataset.name = item.name;
      li.dataset.count = String(item.count);
      const label = el('span', item.name, 'label');
      label.title = item.name;
      const track = el('span', null, 'track');
      const fill = el('span', null, 'fill');
      fill.style.width = (100 * item.count / max).toFixed(2) + '%';
      track.appendChild(fill);
      li.append(label, track, el('span', number.format(item.count), 'count'));
      return li;
    });
    $('top-names-chart').replaceChildren(...bars);
    $('top-names-empty').hidden = bars.length > 0;
  }

  async function loadTopNames() {
    renderTopNames(await getJson('/api/aggregates?top=' + encodeURIComponent($('top-n').value)));
  }

  async function lookUpName() {
    const name = $('name-lookup').value;
    const result = $('name-lookup-result');
    if (!name) {
      result.textContent = 'Type a name to look up.';
      return;
    }
    // Read from the aggregate table filtered by the name as prefix, sorted by name: the exact name,
    // if any product has it, comes first (byte order puts a prefix before its extensions). Unlike
    // GET /api/aggregates/{name}, a miss is not a 404, which browsers log as a console error.
    const table = await getJson('/api/aggregates/table?sort=name&dir=asc&size=5&q=' + encodeURIComponent(name));
    const found = table.items.find((item) => item.name === name);
    result.dataset.name = name;
    result.dataset.count = String(found ? found.count : 0);
    result.textContent = found ? name + ': ' + plural(found.count, 'product', 'products')
      : 'No products named “' + name + '”';
  }

  // ---- aggregate table -----------------------------------------------------------------------

  function aggregatesUrl() {
    const a = state.aggregates;
    return '/api/aggregates/table?page=' + a.page + '&size=' + a.size + '&sort=' + a.sort + '&dir=' + a.dir
      + '&q=' + encodeURIComponent(a.q);
  }

  function renderAggregates(t) {
    const a = state.aggregates;
    a.total = t.total;
    const rows = t.items.map((item) => {
      const tr = el('tr');
      tr.dataset.name = item.name;
      tr.dataset.count = String(item.count);
      tr.append(el('td', item.name, 'name'), el('td', number.format(item.count), 'count num'));
      return tr;
    });
    if (rows.length === 0) {
      const td = el('td', a.q ? 'No name starts with “' + a.q + '”.' : 'No products yet.', 'empty');
      td.colSpan = 2;
      rows.push(el('tr'));
      rows[0].appendChild(td);
    }
    $('aggregates-table').tBodies[0].replaceChildren(...rows);
    $('aggregates-page').textContent = pageLabel(t);
    $('aggregates-total').textContent = totalLabel(t, 'name', 'names');
    $('aggregates-prev').disabled = t.page === 0;
    $('aggregates-next').disabled = lastPage(t);
    for (const [button, sort] of [['sort-by-name', 'name'], ['sort-by-count', 'count']]) {
      const active = a.sort === sort;
      $(button).dataset.dir = active ? a.dir : '';
      $(button).parentElement.setAttribute('aria-sort',
        active ? (a.dir === 'asc' ? 'ascending' : 'descending') : 'none');
    }
  }

  async function loadAggregates() {
    renderAggregates(await getJson(aggregatesUrl()));
  }

  // The first click on a column sorts by it in its natural direction (names A→Z, counts high→low),
  // every further click on the same column reverses it.
  function sortAggregates(sort) {
    const a = state.aggregates;
    if (a.chosen === sort) {
      a.dir = a.dir === 'asc' ? 'desc' : 'asc';
    } else {
      a.dir = sort === 'count' ? 'desc' : 'asc';
    }
    a.sort = sort;
    a.chosen = sort;
    a.page = 0;
    loadAggregates().catch(reportError);
  }

  // ---- products ------------------------------------------------------------------------------

  function productsUrl() {
    const p = state.products;
    return '/api/products?q=' + encodeURIComponent(p.q) + '&page=' + p.page + '&size=' + p.size;
  }

  function renderProducts(r) {
    const p = state.products;
    p.total = r.total;
    const rows = r.items.map((product) => {
      const tr = el('tr', null, 'clickable');
      tr.dataset.sku = product.sku;
      tr.tabIndex = 0;
      tr.append(el('td', product.sku, 'sku'), el('td', product.name, 'name'),
        el('td', product.description, 'description'));
      if (product.sku === p.selected) tr.classList.add('selected');
      return tr;
    });
    if (rows.length === 0) {
      const td = el('td', p.q ? 'No product starts with “' + p.q + '”.' : 'No products yet.', 'empty');
      td.colSpan = 3;
      rows.push(el('tr'));
      rows[0].appendChild(td);
    }
    $('products-table').tBodies[0].replaceChildren(...rows);
    $('products-page').textContent = pageLabel(r);
    $('products-total').textContent = totalLabel(r, 'match', 'matches');
    $('products-prev').disabled = r.page === 0;
    $('products-next').disabled = lastPage(r);
  }

  async function loadProducts() {
    renderProducts(await getJson(productsUrl()));
  }

  async function showProduct(sku) {
    state.products.selected = sku;
    for (const tr of $('products-table').tBodies[0].rows) {
      tr.classList.toggle('selected', tr.dataset.sku === sku);
    }
    const detail = $('product-detail');
    detail.dataset.sku = sku;
    try {
      const product = await getJson('/api/products/' + encodeURIComponent(sku));
      detail.querySelector('.sku').textContent = product.sku;
      detail.querySelector('.name').textContent = product.name;
      detail.querySelector('.description').textContent = product.description;
    } catch (e) {
      if (e.status !== 404) throw e;
      detail.querySelector('.sku').textContent = sku;
      detail.querySelector('.name').textContent = '–';
      detail.querySelector('.description').textContent = 'This product no longer exists.';
    }
    detail.hidden = false;
  }

  // ---- who is logged in ----------------------------------------------------------------------

  function canUpload() {
    return state.session.roles.includes('uploader');
  }

  // upload-service lets an upload's own uploader, or an admin, retry it and read its rejected rows.
  function mayHandle(upload) {
    return canUpload() && (upload.uploadedBy === state.session.user || state.session.roles.includes('admin'));
  }

  function highestRole() {
    const own = ROLES.filter((role) => state.session.roles.includes(role));
    return own.length ? own[own.length - 1] : 'none';
  }

  function renderSession() {
    $('user-name').textContent = state.session.user;
    $('user-role').textContent = highestRole();
    $('user-role').dataset.role = highestRole();
    const denied = !canUpload();
    const form = $('upload-form');
    form.toggleAttribute('data-denied', denied);
    for (const control of form.querySelectorAll('input, button')) control.disabled = denied;
    const note = $('upload-denied');
    note.textContent = denied ? 'Your role (' + highestRole() + ') may not upload files — ask an administrator '
      + 'for the uploader role.' : '';
    note.hidden = !denied;
  }

  // The token is asked for again a minute before it expires; the answer carries a refreshed one.
  async function loadSession() {
    state.session = await getJson('/api/session');
    renderSession();
    if (state.session.expiresAt) {
      const wait = Date.parse(state.session.expiresAt) - Date.now() - TOKEN_MARGIN_MS;
      setTimeout(() => loadSession().catch(reportError), Math.max(5000, wait));
    }
  }

  function bearer() {
    return state.session.accessToken ? { Authorization: 'Bearer ' + state.session.accessToken } : {};
  }

  // upload-service checks the token: its own answers (403 for too little role) are shown as they come.
  function upstream(url, options) {
    const init = Object.assign({}, options || {});
    init.headers = Object.assign({ Accept: 'application/json' }, bearer(), init.headers || {});
    return fetch(url, init);
  }

  async function upstreamJson(url) {
    const response = await upstream(url);
    const body = await response.json().catch(() => null);
    if (!response.ok) throw new Error(body && body.detail ? body.detail : url + ' answered ' + response.status);
    return body;
  }

  // ---- uploads -------------------------------------------------------------------------------

  // upload-service is the one public place for an upload: status, failed chunks, retry, rejected rows.
  function uploadUrl(id) {
    return state.config.uploadServiceUrl + '/api/uploads/' + encodeURIComponent(id);
  }

  function rejectedUrl(id) {
    return uploadUrl(id) + '/rejected';
  }

  // A FAILED upload: its failed chunks (lines and errors) and, when its staged rows are kept, a Retry
  // button. upload-service knows both; the row is filled in when it answers.
  function showFailure(upload, cell) {
    if (upload.status !== 'FAILED' || !state.config.uploadServiceUrl) return;
    upstreamJson(uploadUrl(upload.id)).then((u) => {
      if (u.status !== 'FAILED') return;
      if (u.failedChunks && u.failedChunks.length) {
        const list = el('ul', null, 'failed-chunks');
        u.failedChunks.forEach((c) => list.appendChild(el('li', 'chunk ' + (c.chunkIndex + 1) + ', lines '
          + c.firstLine + '–' + (c.lastLine == null ? 'end' : c.lastLine) + ': ' + c.error)));
        cell.appendChild(list);
      }
      if (u.retryable && mayHandle(upload)) {
        const button = el('button', 'Retry', 'retry-button');
        button.type = 'button';
        button.title = 'Run the failed chunks again, then load the file';
        button.addEventListener('click', () => retryUpload(upload, button));
        cell.appendChild(button);
      }
    }).catch(() => { /* the row keeps its error; the next render asks again */ });
  }

  async function retryUpload(upload, button) {
    button.disabled = true;
    try {
      const response = await upstream(uploadUrl(upload.id) + '/retry', { method: 'POST' });
      const body = await response.json().catch(() => null);
      if (response.status !== 202) {
        button.disabled = false;
        showError('Retry refused: ' + (body && body.error ? body.error + (body.detail ? ' — ' + body.detail : '')
          : 'upload-service answered ' + response.status));
        return;
      }
      state.retrying.add(upload.id);
      updateUpload(Object.assign({}, upload, { status: 'INGESTING', error: null, etaSeconds: null }));
    } catch (e) {
      button.disabled = false;
      showError('Could not reach upload-service at ' + state.config.uploadServiceUrl + '.');
    }
  }

  // A link cannot send the token, so the CSV is fetched with it and handed to the browser as a download.
  async function downloadRejected(upload) {
    const response = await upstream(rejectedUrl(upload.id), { headers: { Accept: 'text/csv' } });
    if (!response.ok) {
      const body = await response.json().catch(() => null);
      showError('Rejected rows: ' + (body && body.detail ? body.detail : 'upload-service answered ' + response.status));
      return;
    }
    const url = URL.createObjectURL(await response.blob());
    const save = el('a');
    save.href = url;
    save.download = upload.filename.replace(/(\.csv)?(\.gz)?$/i, '') + '-rejected.csv';
    document.body.appendChild(save);
    save.click();
    save.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  function jobProgress(upload) {
    const bar = el('progress', null, 'job-progress');
    if (upload.chunksTotal > 0) {
      bar.max = upload.chunksTotal;
      bar.value = upload.chunksDone || 0;
    }
    bar.title = count(upload.chunksDone) + ' of ' + count(upload.chunksTotal) + ' chunks';
    return bar;
  }

  function uploadRow(upload) {
    const tr = el('tr');
    tr.dataset.uploadId = upload.id;
    tr.dataset.state = upload.status;
    const stateCell = el('td', upload.status, 'state status-' + upload.status);
    if (upload.error) stateCell.title = upload.error;
    const progress = el('td', null, 'progress');
    if (!TERMINAL.has(upload.status)) {
      progress.appendChild(jobProgress(upload));
    } else if (upload.chunksTotal > 0) {
      progress.textContent = count(upload.chunksDone) + '/' + count(upload.chunksTotal) + ' chunks';
    }
    const rejected = el('td', null, 'rejected num');
    if (upload.rowsRejected > 0 && state.config.uploadServiceUrl && mayHandle(upload)) {
      const link = el('a', count(upload.rowsRejected), 'rejected-link');
      link.href = rejectedUrl(upload.id);
      link.title = 'Rejected rows as CSV';
      link.addEventListener('click', (event) => {
        event.preventDefault();
        downloadRejected(upload).catch(reportError);
      });
      rejected.appendChild(link);
    } else {
      rejected.textContent = count(upload.rowsRejected);
    }
    showFailure(upload, stateCell);
    const file = el('td', upload.filename, 'filename');
    file.title = upload.id;
    tr.append(file, el('td', upload.uploadedBy || '–', 'uploaded-by'), stateCell, progress, el('td', count(upload.rowsRead), 'rows num'), rejected,
      el('td', seconds(upload.durationSeconds), 'duration num'), el('td', rate(upload.rowsPerSecond), 'rate num'),
      el('td', eta(upload), 'eta num'));
    // On a phone each row is a card; the labels stand in for the hidden column headers.
    ['', 'by', 'state', '', 'rows', 'rejected', 'duration', 'rate', 'ETA'].forEach((label, i) => {
      if (label) tr.cells[i].dataset.label = label;
    });
    return tr;
  }

  function emptyUploadsRow() {
    const tr = el('tr', null, 'empty-row');
    const td = el('td', 'No uploads yet.', 'empty');
    td.colSpan = 9;
    tr.appendChild(td);
    return tr;
  }

  function renderUploads(items) {
    state.uploads = new Map(items.map((u) => [u.id, u]));
    const rows = items.map(uploadRow);
    $('uploads-table').tBodies[0].replaceChildren(...(rows.length ? rows : [emptyUploadsRow()]));
    renderLiveJob();
  }

  // Events of one upload travel on different topics and may arrive slightly out of order: once an
  // upload was seen ended, a late "still running" item is ignored.
  function updateUpload(upload) {
    const known = state.uploads.get(upload.id);
    if (known && TERMINAL.has(known.status) && !TERMINAL.has(upload.status) && !state.retrying.has(upload.id)) return;
    state.uploads.set(upload.id, upload);
    const body = $('uploads-table').tBodies[0];
    const row = uploadRow(upload);
    const existing = Array.from(body.rows).find((tr) => tr.dataset.uploadId === upload.id);
    if (existing) {
      existing.replaceWith(row);
    } else {
      const empty = body.querySelector('.empty-row');
      if (empty) empty.remove();
      body.insertBefore(row, body.firstChild);
    }
    if (upload.id === state.liveJobId) renderLiveJob();
  }

  async function loadUploads() {
    const u = await getJson('/api/uploads');
    renderUploads(u.items);
  }

  // ---- the job started from this page ----------------------------------------------------------

  function renderLiveJob() {
    if (!state.liveJobId) return;
    const upload = state.uploads.get(state.liveJobId);
    $('live-job').hidden = false;
    $('live-job').dataset.uploadId = state.liveJobId;
    $('live-file').textContent = upload ? upload.filename : state.liveJobFile;
    if (!upload) return;
    $('live-state').textContent = upload.status;
    $('live-state').className = 'state status-' + upload.status;
    const bar = $('live-progress');
    if (upload.chunksTotal > 0) {
      bar.max = upload.chunksTotal;
      bar.value = upload.chunksDone || 0;
    } else {
      bar.removeAttribute('value');
    }
    $('live-chunks').textContent = count(upload.chunksDone) + ' of ' + count(upload.chunksTotal)
      + (upload.chunksFailed ? ' (' + count(upload.chunksFailed) + ' failed)' : '');
    $('live-rows').textContent = count(upload.rowsRead)
      + (upload.recordsTotal ? ' of ' + count(upload.recordsTotal) : '')
      + (upload.rowsRejected ? ' (' + count(upload.rowsRejected) + ' rejected)' : '');
    $('live-rate').textContent = rate(upload.rowsPerSecond);
    $('live-eta').textContent = eta(upload);
  }

  // ---- upload form ---------------------------------------------------------------------------

  function chooseFile(file) {
    state.file = file || null;
    $('upload-file-name').textContent = file ? file.name + ' (' + number.format(file.size) + ' bytes)' : '';
  }

  function setUploadStatus(text, kind) {
    const status = $('upload-status');
    status.textContent = text;
    status.dataset.kind = kind || '';
  }

  function contentType(file) {
    return /\.gz$/i.test(file.name) || file.type === 'application/gzip' ? 'application/gzip' : 'text/csv';
  }

  function upload(event) {
    event.preventDefault();
    const file = state.file || $('upload-file').files[0];
    if (!canUpload()) return;
    if (!file) {
      setUploadStatus('Choose a file first.', 'error');
      return;
    }
    if (!state.config.uploadServiceUrl) {
      setUploadStatus('The upload service address is not known yet; try again in a moment.', 'error');
      return;
    }
    $('upload-submit').disabled = true;
    send(file, 1);
  }

  // upload-service streams a bounded number of uploads at once and refuses one more with 429 and
  // Retry-After before reading it: wait that long and send again, a bounded number of times.
  const MAX_UPLOAD_ATTEMPTS = 20;

  function send(file, attempt) {
    const bar = $('upload-progress');
    bar.max = file.size || 1;
    bar.value = 0;
    setUploadStatus('Uploading ' + file.name + '…', 'busy');

    const xhr = new XMLHttpRequest();
    xhr.open('POST', state.config.uploadServiceUrl + '/api/uploads?filename=' + encodeURIComponent(file.name));
    xhr.setRequestHeader('Content-Type', contentType(file));
    xhr.setRequestHeader('Accept', 'application/json');
    if (state.session.accessToken) xhr.setRequestHeader('Authorization', 'Bearer ' + state.session.accessToken);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) {
        bar.max = e.total || 1;
        bar.value = e.loaded;
      }
    };
    xhr.onload = () => {
      if (xhr.status === 429 && attempt < MAX_UPLOAD_ATTEMPTS) {
        const wait = Math.min(60, Math.max(1, parseInt(xhr.getResponseHeader('Retry-After'), 10) || 5));
        bar.value = 0;
        setUploadStatus('Waiting for a free upload slot (' + wait + ' s, attempt ' + (attempt + 1) + ' of '
          + MAX_UPLOAD_ATTEMPTS + ')…', 'busy');
        setTimeout(() => send(file, attempt + 1), wait * 1000);
        return;
      }
      $('upload-submit').disabled = false;
      let body = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch (ignored) {
        // not JSON: reported below with the status
      }
      if (xhr.status === 202 && body && body.id) {
        bar.value = bar.max;
        setUploadStatus('Uploaded ' + file.name + ' — following the job below.', 'ok');
        followJob(body.id, file.name, body.status);
      } else {
        const reason = body && body.error ? body.error + (body.detail ? ': ' + body.detail : '')
          : 'upload-service answered ' + xhr.status;
        setUploadStatus(reason, 'error');
      }
    };
    xhr.onerror = () => {
      $('upload-submit').disabled = false;
      setUploadStatus('Could not reach upload-service at ' + state.config.uploadServiceUrl + '.', 'error');
    };
    xhr.send(file);
  }

  function followJob(id, filename, status) {
    state.liveJobId = id;
    state.liveJobFile = filename;
    // The stream may already have told this upload's state (a small file can finish before the 202).
    if (!state.uploads.has(id)) {
      updateUpload({ id: id, filename: filename, status: status || 'QUEUED', chunksTotal: 0, chunksDone: 0,
        rowsRead: null, rowsRejected: null, durationSeconds: null, rowsPerSecond: 0, etaSeconds: null });
    }
    renderLiveJob();
  }

  // ---- the live stream -----------------------------------------------------------------------

  function setStreamStatus(text) {
    $('stream-status').textContent = text;
    $('stream-status').dataset.state = text;
  }

  function parse(event) {
    try {
      return JSON.parse(event.data);
    } catch (e) {
      return null;
    }
  }

  const reloadTables = debounce(() => {
    Promise.all([loadTopNames(), loadAggregates(), loadProducts()])
      .then(() => showError(''))
      .catch(reportError);
  }, 150);

  function connect() {
    const source = new EventSource('/api/uploads/stream');
    state.stream = source;
    source.onopen = () => setStreamStatus('live');
    source.addEventListener('uploads', (event) => {
      const data = parse(event);
      if (!data) return;
      setStreamStatus('live');
      noteCache(data.cache);
      renderUploads(data.items);
    });
    source.addEventListener('upload', (event) => {
      const data = parse(event);
      if (data) updateUpload(data);
    });
    source.addEventListener('summary', (event) => {
      const data = parse(event);
      if (!data) return;
      renderSummary(data);
      reloadTables();
    });
    source.onerror = () => {
      setStreamStatus('reconnecting');
      // EventSource retries by itself after a network error, but gives up after an HTTP error; that may
      // be an ended login, which getJson turns into a new login.
      if (source.readyState === EventSource.CLOSED) {
        setTimeout(() => {
          if (state.stream !== source) return;
          getJson('/api/session').catch(() => {}).then(() => connect());
        }, RECONNECT_MS);
      }
    };
  }

  // ---- wiring --------------------------------------------------------------------------------

  function reportError(e) {
    showError('Could not refresh: ' + e.message);
  }

  // The uploads list normally comes from the stream (its snapshot on every connect); it is read here
  // only while the stream is down.
  async function loadAll() {
    try {
      const loads = [loadSummary(), loadTopNames(), loadAggregates(), loadProducts()];
      if (state.stream && state.stream.readyState !== EventSource.OPEN) loads.push(loadUploads());
      await Promise.all(loads);
      showError('');
    } catch (e) {
      reportError(e);
    }
  }

  const onProductSearch = debounce(() => {
    state.products.q = $('product-search').value;
    state.products.page = 0;
    loadProducts().catch(reportError);
  }, TYPING_MS);

  const onAggregatesFilter = debounce(() => {
    state.aggregates.q = $('aggregates-filter').value;
    state.aggregates.page = 0;
    loadAggregates().catch(reportError);
  }, TYPING_MS);

  function wire() {
    $('top-n').addEventListener('change', () => loadTopNames().catch(reportError));
    $('name-lookup-form').addEventListener('submit', (event) => {
      event.preventDefault();
      lookUpName().catch(reportError);
    });

    $('aggregates-filter-form').addEventListener('submit', (event) => event.preventDefault());
    $('aggregates-filter').addEventListener('input', onAggregatesFilter);
    $('sort-by-name').addEventListener('click', () => sortAggregates('name'));
    $('sort-by-count').addEventListener('click', () => sortAggregates('count'));
    $('aggregates-prev').addEventListener('click', () => {
      if (state.aggregates.page > 0) {
        state.aggregates.page -= 1;
        loadAggregates().catch(reportError);
      }
    });
    $('aggregates-next').addEventListener('click', () => {
      const a = state.aggregates;
      if ((a.page + 1) * a.size < a.total) {
        a.page += 1;
        loadAggregates().catch(reportError);
      }
    });

    $('product-search-form').addEventListener('submit', (event) => event.preventDefault());
    $('product-search').addEventListener('input', onProductSearch);
    $('product-page-size').addEventListener('change', () => {
      state.products.size = Number($('product-page-size').value);
      state.products.page = 0;
      loadProducts().catch(reportError);
    });
    $('products-prev').addEventListener('click', () => {
      if (state.products.page > 0) {
        state.products.page -= 1;
        loadProducts().catch(reportError);
      }
    });
    $('products-next').addEventListener('click', () => {
      const p = state.products;
      if ((p.page + 1) * p.size < p.total) {
        p.page += 1;
        loadProducts().catch(reportError);
      }
    });
    const productBody = $('products-table').tBodies[0];
    productBody.addEventListener('click', (event) => {
      const tr = event.target.closest('tr[data-sku]');
      if (tr) showProduct(tr.dataset.sku).catch(reportError);
    });
    productBody.addEventListener('keydown', (event) => {
      const tr = event.target.closest('tr[data-sku]');
      if (tr && (event.key === 'Enter' || event.key === ' ')) {
        event.preventDefault();
        showProduct(tr.dataset.sku).catch(reportError);
      }
    });

    $('upload-file').addEventListener('change', () => chooseFile($('upload-file').files[0]));
    const drop = $('upload-drop');
    ['dragenter', 'dragover'].forEach((type) => drop.addEventListener(type, (event) => {
      event.preventDefault();
      drop.classList.add('dragging');
    }));
    ['dragleave', 'drop'].forEach((type) => drop.addEventListener(type, () => drop.classList.remove('dragging')));
    drop.addEventListener('drop', (event) => {
      event.preventDefault();
      const files = event.dataTransfer && event.dataTransfer.files;
      if (files && files.length) chooseFile(files[0]);
    });
    $('upload-form').addEventListener('submit', upload);
  }

  async function start() {
    wire();
    try {
      await loadSession();
      state.config = await getJson('/api/config');
    } catch (e) {
      reportError(e);
    }
    await loadAll();
    connect();
    setInterval(loadAll, SAFETY_NET_MS);
  }

  start();
})();
