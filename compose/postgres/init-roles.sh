#!/bin/sh
# The database roles of docs/decisions/0001-database-roles.md, as local-infra's PostgresServer.bootstrap creates
# them: one LOGIN role per service (no superuser, CREATEDB, CREATEROLE), the owning roles may create tables in
# schema public and temporary tables, the dashboard's may only connect (its SELECTs are granted by the owners'
# migrations). Run by the one-shot service postgres-roles on every `docker compose up`: idempotent, and the
# passwords in .env are set again each time (the env file is the truth).
set -eu
: "${PGHOST:?}" "${PGUSER:?}" "${PGPASSWORD:?}" "${PGDATABASE:?}"
: "${PG_UPLOAD_PASSWORD:?set it in .env}" "${PG_INGEST_PASSWORD:?set it in .env}"
: "${PG_AGGREGATE_PASSWORD:?set it in .env}" "${PG_DASHBOARD_PASSWORD:?set it in .env}"

# \getenv keeps the passwords off psql's command line
psql -v ON_ERROR_STOP=1 --no-psqlrc --quiet <<'SQL'
\getenv upload_pw PG_UPLOAD_PASSWORD
\getenv ingest_pw PG_INGEST_PASSWORD
\getenv aggregate_pw PG_AGGREGATE_PASSWORD
\getenv dashboard_pw PG_DASHBOARD_PASSWORD
SELECT format('CREATE ROLE %I', r)
FROM unnest(ARRAY['lfp_upload', 'lfp_ingest', 'lfp_aggregate', 'lfp_dashboard']) AS r
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r)
\gexec
ALTER ROLE lfp_upload LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT PASSWORD :'upload_pw';
ALTER ROLE lfp_ingest LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT PASSWORD :'ingest_pw';
ALTER ROLE lfp_aggregate LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT PASSWORD :'aggregate_pw';
ALTER ROLE lfp_dashboard LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT PASSWORD :'dashboard_pw';
SELECT format('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database()) \gexec
SELECT format('GRANT CONNECT ON DATABASE %I TO lfp_upload, lfp_ingest, lfp_aggregate, lfp_dashboard',
              current_database()) \gexec
SELECT format('GRANT TEMPORARY ON DATABASE %I TO lfp_upload, lfp_ingest, lfp_aggregate', current_database()) \gexec
REVOKE ALL ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO lfp_upload, lfp_ingest, lfp_aggregate, lfp_dashboard;
GRANT CREATE ON SCHEMA public TO lfp_upload, lfp_ingest, lfp_aggregate;
SQL
echo "postgres-roles: lfp_upload, lfp_ingest, lfp_aggregate, lfp_dashboard ready"
