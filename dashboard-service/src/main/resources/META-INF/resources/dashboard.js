// Dashboard page: polls the JSON API every 2 s. Every value from the API is written with
// textContent (never innerHTML), so product data such as "<script>" shows as text.
(function () {
  'use strict';

  const POLL_MS = 2000;
  const PAGE_SIZE = 20;
  const state = { q: '', page: 0, total: 0 };
  const $ = (id) => document.getElementById(id);
  const number = new Intl.NumberFormat();

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  async function getJson(url) {
    const response = await fetch(url, { headers: { Accept: 'application/json' } });
    if (!response.ok) throw new Error(url + ' answered ' + response.status);
    return response.json();
  }

  function showCache(cache) {
    const banner = $('cache-status');
    banner.dataset.cache = cache;
    banner.hidden = cache !== 'offline';
    banner.textContent = cache === 'offline' ? 'Cache offline — showing live data from PostgreSQL' : '';
  }

  function renderSummary(s) {
    $('total-products').textContent = number.format(s.products);
    $('total-names').textContent = number.format(s.names);
    $('total-uploads').textContent = number.format(s.uploads);
    showCache(s.cache);
  }

  function renderTopNames(a) {
    const list = $('top-names');
    const max = a.items.reduce((m, item) => Math.max(m, item.count), 0) || 1;
    const rows = a.items.map((item) => {
      const li = el('li');
      const label = el('span', item.name, 'label');
      label.title = item.name;
      const track = el('span', null, 'track');
      const bar = el('span', null, 'bar');
      bar.style.display = 'block';
      bar.style.width = (100 * item.count / max).toFixed(2) + '%';
      track.appendChild(bar);
      li.append(label, track, el('span', number.format(item.count), 'count'));
      return li;
    });
    list.replaceChildren(...rows);
    $('top-names-empty').hidden = rows.length > 0;
  }

  function renderProducts(p) {
    state.total = p.total;
    const rows = p.items.map((product) => {
      const tr = el('tr');
      tr.append(el('td', product.sku), el('td', product.name), el('td', product.description, 'desc'));
      return tr;
    });
    if (rows.length === 0) {
      const tr = el('tr');
      const td = el('td', state.q ? 'No product starts with “' + state.q + '”.' : 'No products yet.', 'empty');
      td.colSpan = 3;
      tr.appendChild(td);
      rows.push(tr);
    }
    $('products').replaceChildren(...rows);
    const pages = Math.max(1, Math.ceil(p.total / PAGE_SIZE));
    $('page-info').textContent = 'Page ' + (p.page + 1) + ' of ' + number.format(pages)
      + ' · ' + number.format(p.total) + ' matches';
    $('prev-page').disabled = p.page === 0;
    $('next-page').disabled = p.page + 1 >= pages;
  }

  function progressCell(upload) {
    const td = el('td');
    if (upload.status === 'INGESTING' && upload.sizeBytes > 0 && upload.bytesRead !== null) {
      const pct = Math.min(100, 100 * upload.bytesRead / upload.sizeBytes);
      const bar = el('div', null, 'progress');
      bar.setAttribute('role', 'progressbar');
      bar.setAttribute('aria-valuenow', pct.toFixed(0));
      bar.setAttribute('aria-valuemin', '0');
      bar.setAttribute('aria-valuemax', '100');
      const done = el('div', null, 'done');
      done.style.width = pct.toFixed(1) + '%';
      bar.appendChild(done);
      td.append(bar, el('small', pct.toFixed(0) + ' %'));
    } else if (upload.error) {
      td.textContent = upload.error;
    }
    return td;
  }

  function count(value) {
    return value === null || value === undefined ? '–' : number.format(value);
  }

  function renderUploads(u) {
    const rows = u.items.map((upload) => {
      const tr = el('tr');
      tr.dataset.uploadId = upload.id;
      tr.append(
        el('td', upload.filename),
        el('td', upload.status, 'status-' + upload.status),
        el('td', count(upload.rowsRead), 'num'),
        el('td', count(upload.rowsRejected), 'num'),
        el('td', count(upload.productsWritten), 'num'),
        progressCell(upload));
      return tr;
    });
    if (rows.length === 0) {
      const tr = el('tr');
      const td = el('td', 'No uploads yet.', 'empty');
      td.colSpan = 6;
      tr.appendChild(td);
      rows.push(tr);
    }
    $('uploads').replaceChildren(...rows);
  }

  function productsUrl() {
    return '/api/products?q=' + encodeURIComponent(state.q) + '&page=' + state.page + '&size=' + PAGE_SIZE;
  }

  async function loadProducts() {
    renderProducts(await getJson(productsUrl()));
  }

  async function refresh() {
    try {
      const [summary, aggregates, uploads, products] = await Promise.all([
        getJson('/api/summary'),
        getJson('/api/aggregates?top=20'),
        getJson('/api/uploads'),
        getJson(productsUrl()),
      ]);
      renderSummary(summary);
      renderTopNames(aggregates);
      renderUploads(uploads);
      renderProducts(products);
      $('load-error').hidden = true;
    } catch (e) {
      $('load-error').textContent = 'Could not refresh: ' + e.message;
      $('load-error').hidden = false;
    }
  }

  let typing;
  $('search').addEventListener('input', (event) => {
    clearTimeout(typing);
    typing = setTimeout(() => {
      state.q = event.target.value;
      state.page = 0;
      loadProducts().catch(() => {});
    }, 250);
  });
  $('search-form').addEventListener('submit', (event) => event.preventDefault());
  $('prev-page').addEventListener('click', () => {
    if (state.page > 0) { state.page -= 1; loadProducts().catch(() => {}); }
  });
  $('next-page').addEventListener('click', () => {
    if ((state.page + 1) * PAGE_SIZE < state.total) { state.page += 1; loadProducts().catch(() => {}); }
  });

  refresh();
  setInterval(refresh, POLL_MS);
})();
