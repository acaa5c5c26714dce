#!/bin/sh
# One database, one login role per service that owns exactly one schema of the same name.
# Run once by the postgres image on an empty data directory (/docker-entrypoint-initdb.d), with
# POSTGRES_USER and POSTGRES_DB set by the image and <SERVICE>_DB_PASSWORD (AUTH_DB_PASSWORD,
# WORKFLOW_DB_PASSWORD, ...) from the environment. k8s/infra/postgres-init.sh is a copy of this
# file (kustomize reads only files under its own folder); deployment-check keeps them identical.
set -eu

for schema in auth workflow dataops action scheduler; do
	variable="$(echo "$schema" | tr '[:lower:]' '[:upper:]')_DB_PASSWORD"
	password="$(printenv "$variable" || true)"
	if [ -z "$password" ]; then
		echo "init.sh: $variable is not set (see .env.example)" >&2
		exit 1
	fi
	psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
		-v role="$schema" -v password="$password" -v db="$POSTGRES_DB" <<-'SQL'
		CREATE ROLE :"role" LOGIN PASSWORD :'password';
		CREATE SCHEMA :"role" AUTHORIZATION :"role";
		GRANT CONNECT ON DATABASE :"db" TO :"role";
		ALTER ROLE :"role" SET search_path = :"role";
	SQL
done

# dataops keeps each workflow's learner table in a second schema of its own
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" <<-'SQL'
	CREATE SCHEMA dataops_data AUTHORIZATION dataops;
SQL

# Nobody else may connect, create temporary tables or use the public schema.
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" -v db="$POSTGRES_DB" <<-'SQL'
	REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
	REVOKE ALL ON SCHEMA public FROM PUBLIC;
SQL
