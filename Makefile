# A thin front over pnpm, the native stack runner and docker compose.
SHELL := /bin/bash
ENV := source scripts/env.sh &&

.PHONY: bootstrap dev dev-up dev-down ps logs test test-unit test-e2e check lint bench up down compose-logs compose-ps retry-failed

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

check:
	@$(ENV) pnpm check

lint:
	@$(ENV) pnpm lint

bench: ## benchmarks (not part of the test run)
	@$(ENV) pnpm bench

retry-failed: ## retry dead-lettered jobs: QUEUE=render|embed|score|taste|desire|all (default all), JOB=<id> for one
	@$(ENV) node scripts/retry-failed.ts $(or $(QUEUE),all) $(JOB)

up: ## docker compose: build and start the stack
	docker compose up -d --build

down:
	docker compose down

compose-logs:
	docker compose logs -f

compose-ps:
	docker compose ps
