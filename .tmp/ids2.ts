const base = 'http://127.0.0.1:3107';
const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'coordinator', password: 'Tianping2026' }) });
const cookie = login.headers.get('set-cookie')!.split(';')[0];
const get = (p: string) => fetch(base + p, { headers: { cookie } }).then((r) => r.json());
const items = await get('/api/items?itemType=key&pageSize=5&q=' + encodeURIComponent('特种设备'));
const ent = await get('/api/entities?pageSize=1&tag=' + encodeURIComponent('食品经营'));
const ins = await get('/api/inspectors?pageSize=1&cert=expiring');
console.log(items.rows[0].id, ent.rows[0].id, ins.rows[0].id);
