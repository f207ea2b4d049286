.PHONY: build test demo bench

node_modules: package.json package-lock.json
	npm ci
	@touch node_modules

build: node_modules
	npm run build

test: node_modules
	bash scripts/test-tools.sh
	npm test

demo: node_modules
	npm run demo

bench: node_modules
	npm run bench
