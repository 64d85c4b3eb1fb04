#!/usr/bin/env bash
# One PostgreSQL role and one database per service (intake, imaging), owned by that role.
#
# The postgres image runs the files of /docker-entrypoint-initdb.d (docker-compose.yml mounts
# deploy/postgres there) once, when it starts on an empty data directory, against a server that
# listens on its local socket only. Each service's role, password and database are read from the
# very secret file that service reads as /run/secrets/database_url:
#     <secrets dir>/<service>_database_url  =  postgresql+asyncpg://ROLE:PASSWORD@HOST:PORT/DATABASE
# so they are written down once. The password must be URL-safe as it stands in the URL
# (letters, digits, - . _ ~; e.g. `openssl rand -hex 24`): percent-escapes are refused.
#
# Environment: POSTGRES_USER, POSTGRES_DB (set by the image); CALCINOSIS_SECRETS_DIR (default
# /run/secrets) and CALCINOSIS_DATABASES (default "intake imaging") for tests and other setups;
# PGHOST/PGPORT as psql reads them. Running it again changes nothing (roles and databases that
# exist are kept as they are).
#
# The databases compare text bytewise (LC_COLLATE and LC_CTYPE 'C', whatever the image's default,
# en_US.utf8): what the tests and benchmarks run on. Under a language collation every index entry
# is compared by that locale (writes cost half as much again, decisions.md Intake 47) and a B-tree
# cannot serve the string search's LIKE 'prefix%'; the service folds case itself (storage/indexing.py).
set -Eeo pipefail

calcinosis_create_database() {
    local service=$1 file url rest userinfo role password location database
    file="${CALCINOSIS_SECRETS_DIR:-/run/secrets}/${service}_database_url"
    if [ ! -r "$file" ]; then
        echo "init-databases: $file is missing or unreadable (create it from deploy/secrets/${service}_database_url.txt.example, readable by the container's user)" >&2
        return 1
    fi
    url=$(tr -d '[:space:]' < "$file")
    rest=${url#*://}
    userinfo=${rest%%@*}
    role=${userinfo%%:*}
    password=${userinfo#*:}
    location=${rest#*@}
    database=${location#*/}
    database=${database%%\?*}
    if [ "$rest" = "$url" ] || [ "$userinfo" = "$rest" ] || [ "$password" = "$userinfo" ] || [ "$location" = "$database" ]; then
        echo "init-databases: $file does not read as postgresql+asyncpg://ROLE:PASSWORD@HOST:PORT/DATABASE" >&2
        return 1
    fi
    if ! [[ $role =~ ^[A-Za-z_][A-Za-z0-9_]*$ && $database =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]]; then
        echo "init-databases: in $file, the role and the database must be plain names (letters, digits, _)" >&2
        return 1
    fi
    if [ -z "$password" ] || [[ $password == *%* ]]; then
        echo "init-databases: in $file, the password must be given, URL-safe and without %-escapes" >&2
        return 1
    fi

    echo "init-databases: role $role, database $database (for $service)"
    psql -v ON_ERROR_STOP=1 --no-psqlrc --quiet \
        --username "${POSTGRES_USER:-postgres}" --dbname "${POSTGRES_DB:-${POSTGRES_USER:-postgres}}" \
        -v role="$role" -v password="$password" -v database="$database" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', :'role', :'password')
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'role') \gexec
SELECT format('CREATE DATABASE %I OWNER %I TEMPLATE template0 ENCODING %L LC_COLLATE %L LC_CTYPE %L',
              :'database', :'role', 'UTF8', 'C', 'C')
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'database') \gexec
SELECT format('REVOKE ALL ON DATABASE %I FROM PUBLIC', :'database') \gexec
SQL
}

for calcinosis_service in ${CALCINOSIS_DATABASES:-intake imaging}; do
    calcinosis_create_database "$calcinosis_service"
done
