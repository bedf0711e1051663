# A thin front over pnpm, the native stack runner and docker compose.
SHELL := /bin/bash
ENV := source scripts/env.sh &&

.PHONY: bootstrap dev dev-up dev-down ps logs test test-unit test-e2e test-fault check lint bench up down compose-logs compose-ps retry-failed doctor backup restore

bootstrap: ## install everything (idempotent)
	bash scripts/bootstrap.sh

dev: ## start the native stack in the foreground (Ctrl-C stops it)
	@$(ENV) node scripts/native/stack.ts up --foreground

dev-up: ## start the native stack in the background
	@$(ENV) node scripts/native/stack.ts up

dev-down: ## stop the native stack
	@$(ENV) node scripts/native/stack.ts down

ps: ## status of the native stack's services
	@$(ENV) node scripts/native/stack.ts ps

logs: ## follow every native service's JSON log
	@$(ENV) node scripts/native/stack.ts logs

test: ## lint, type-check, unit, integration and end-to-end tests
	@$(ENV) node scripts/run-tests.ts

test-unit:
	@$(ENV) node scripts/run-tests.ts unit

test-e2e:
	@$(ENV) node scripts/run-tests.ts e2e

test-fault: ## kill -9 each native service under a stream of submissions; the stack recovers
	@$(ENV) node scripts/run-tests.ts fault

check:
	@$(ENV) pnpm check

lint:
	@$(ENV) pnpm lint

bench: ## benchmarks (not part of the test run)
	@$(ENV) pnpm bench

retry-failed: ## retry dead-lettered jobs: QUEUE=render|embed|score|taste|desire|all (default all), JOB=<id> for one
	@$(ENV) node scripts/retry-failed.ts $(or $(QUEUE),all) $(JOB)

doctor: ## check config, Postgres+pgvector, Redis, Chromium/WebGL2, glslangValidator, nginx and disk; prints fixes, exits 1 on any FAIL
	@$(ENV) node scripts/ops/doctor.ts

backup: ## dump DATABASE_URL and archive RENDERS_DIR into BACKUP_DIR (default backups/); BACKUP_RENDERS=false: database only
	@$(ENV) node scripts/ops/backup.ts

restore: ## replace DATABASE_URL's contents with FILE=backups/<name>.dump (and RENDERS_DIR with its renders archive); stop the API and worker first
	@$(ENV) node scripts/ops/restore.ts "$(FILE)" "$(RENDERS_FILE)"

up: ## docker compose: build and start the stack
	docker compose up -d --build

down:
	docker compose down

compose-logs:
	docker compose logs -f

compose-ps:
	docker compose ps
