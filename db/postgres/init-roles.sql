-- Two roles: the owner runs migrations and owns the schema; the app connects with data rights only.
CREATE ROLE diploma_owner LOGIN PASSWORD 'owner-change-me';
CREATE ROLE diploma_app LOGIN PASSWORD 'app-change-me';
CREATE DATABASE diploma_desk OWNER diploma_owner;
\connect diploma_desk
ALTER SCHEMA public OWNER TO diploma_owner;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO diploma_app;
-- The audit-hardening migration narrows audit_events to SELECT and INSERT for every role but the owner.
ALTER DEFAULT PRIVILEGES FOR ROLE diploma_owner IN SCHEMA public
  GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO diploma_app;
ALTER DEFAULT PRIVILEGES FOR ROLE diploma_owner IN SCHEMA public
  GRANT USAGE, SELECT ON SEQUENCES TO diploma_app;
-- pg_trgm is a trusted extension the owner could create too; creating it here keeps migrations quiet.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
