// MongoDB runs this once, on an empty volume (docker compose mounts it into
// /docker-entrypoint-initdb.d): the catalog's own user, which may read and write the
// agora_catalog database and nothing else. Its password is the one in the catalog's
// connection URL (.secrets/catalog_mongodb_url, made by `npm run compose:secrets`).
const fs = require('fs');

const url = new URL(fs.readFileSync('/run/secrets/catalog_mongodb_url', 'utf8').trim());
db.getSiblingDB('agora_catalog').createUser({
  user: decodeURIComponent(url.username),
  pwd: decodeURIComponent(url.password),
  roles: [{ role: 'readWrite', db: 'agora_catalog' }],
});
