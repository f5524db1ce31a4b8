# Tin Hội: every target sets up .venv itself when it is missing or out of date.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
STRICT ?=
CACHE ?=
BUILD := $(PY) -m tinhoi.sitebuild
CROSSPOST_DIR ?= crosspost
CROSSPOST := $(PY) -m tinhoi.crosspost --dir $(CROSSPOST_DIR)
ARTICLE ?=
GROUP ?=
# LANG is also the shell's locale variable: only LANG=… typed after "make newpost" counts
POST_LANG := $(if $(filter command line,$(origin LANG)),$(LANG),vi)
DEPLOY ?= zip
# compiled Python goes to cache/ too: a command leaves nothing new in the checkout
export PYTHONPYCACHEPREFIX := $(CURDIR)/cache/pycache

ifneq ($(strip $(STRICT)),)
STRICT_FLAG := --strict
endif

.PHONY: help html publish serve devserver test clean catalogs bench \
	crosspost crosspost-preview crosspost-done crosspost-retry crosspost-report \
	crosspost-save-ledger sites site
.PHONY: help html publish serve devserver test clean catalogs bench upstream import-upstream \
	import-archive takedown \
	newpost translate check deploy bench-images cms-install cms-migrate release settings new-site

help:
	@echo 'make newpost TITLE="…" [CATEGORY=… BRANCH=… LANG=en]   tạo bài mới (bản nháp)'
	@echo "make translate SLUG=…   tạo bản tiếng Anh của một bài (SYNC=1: đã dịch theo kịp)"
	@echo "make check      kiểm tra bài viết, báo lỗi bằng tiếng Việt kèm tên tệp và dòng"
	@echo "make settings   in các thiết lập của pelicanconf.py: kiểu, mặc định, ý nghĩa"
	@echo 'make new-site DIR=… [UNIT="Hội LHPN xã …" PROVINCE="…"]   tạo trang tin mới cho một đơn vị (thư mục trống)'
	@echo "make serve      dựng trang và xem tại http://$(HOST):$(PORT)/"
	@echo "make html       dựng trang vào output/ (STRICT=1: cảnh báo cũng là lỗi)"
	@echo "make devserver  xem trước, tự dựng lại khi sửa bài"
	@echo "make upstream   lấy tin mới của Hội cấp trên"
	@echo "make import-upstream URL=…   tạo bài nháp từ một tin cấp trên"
	@echo "make import-archive SOURCE=… UNIT=…   nhập tin cũ của đơn vị cũ (RSS, WordPress, trang đã lưu)"
	@echo 'make takedown SLUG=… [PHOTO=…] REASON="…"   gỡ bài hoặc một ảnh theo yêu cầu'
	@echo "make publish    dựng bản công khai (publishconf.py, địa chỉ tuyệt đối)"
	@echo "                và lập kế hoạch đăng Facebook/Zalo, bộ tin Zalo, trang báo cáo"
	@echo "make crosspost-preview  xem trước những gì sẽ đăng, không gửi gì"
	@echo "make crosspost  (sau khi trang đã lên mạng) đăng bài mới lên Facebook/Zalo"
	@echo "make crosspost-done ARTICLE=<slug> [GROUP=<mã nhóm>]  đánh dấu đã dán tin Zalo"
	@echo "make crosspost-retry ARTICLE=<slug> GROUP=<mã nhóm>   cho gửi lại một tin lỗi"
	@echo "make deploy DEPLOY=zip|rsync|github   đưa trang lên mạng"
	@echo "make cms-install  tải trình soạn thảo để viết bài trên trình duyệt (/admin/)"
	@echo "make cms-migrate  đổi phần đầu các bài cũ để mở được trong trình soạn thảo"
	@echo "make test       chạy toàn bộ kiểm thử"
	@echo "make sites      dựng mọi trang mẫu của một tỉnh (examples/province/sites/*/)"
	@echo "make site SITE=…   dựng một trang trong đó"
	@echo "make release    đóng gói phiên bản (wheel, sdist) vào dist/release/ và kiểm tra"
	@echo "make clean      xoá output/ (giữ ảnh đã xử lý trong cache/; CACHE=1: xoá cả cache/)"

# The pinned, hashed requirements, then this project itself as the package tinhoi, editable
# (plugins/ and theme/ are its sources, nothing is copied): no dependency of its own
# (--no-deps) and built with the pinned setuptools (--no-build-isolation), so nothing
# unhashed is ever downloaded. Not redone when pyproject.toml changes: the code is live and
# the version is read from pyproject.toml; a new command in [project.scripts] needs
# `touch requirements.txt`. (A clone that shares this .venv, as the tests' do, must never
# re-point it at itself.)
$(VENV)/.runtime: requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Cần Python 3.11 trở lên (Python 3.11 or newer is required)."; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation \
		--editable .
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes \
		-r requirements-dev.txt
	touch $@

# Both builds first refresh the upstream news when the saved copy is old; that step never
# fails and never waits longer than UPSTREAM_TIMEOUT. The build itself stays offline.
html: $(VENV)/.runtime
	$(PY) -m tinhoi.feeds --settings pelicanconf.py upstream --if-stale
	$(BUILD) html $(STRICT_FLAG)

publish: $(VENV)/.runtime
	$(PY) -m tinhoi.feeds --settings publishconf.py upstream --if-stale
	$(BUILD) publish $(STRICT_FLAG)

upstream: $(VENV)/.runtime
	$(PY) -m tinhoi.feeds upstream

import-upstream: $(VENV)/.runtime
	$(PY) -m tinhoi.feeds import --url "$(URL)"

# SOURCE: a feed address, a WordPress export (.xml) or a folder of saved pages; UNIT: the
# former unit's code in content/data/unit.yml. Running it again adds only what is new.
import-archive: $(VENV)/.runtime
	$(PY) -m tinhoi.archive --source "$(SOURCE)" --unit "$(UNIT)"

# Remove an article (or one photo of it: PHOTO=images/…) on request. The record goes to
# content/data/takedowns.yml; the next make publish takes it out everywhere.
takedown: $(VENV)/.runtime
	$(PY) -m tinhoi.takedown --slug "$(SLUG)" --photo "$(PHOTO)" --reason "$(REASON)" \
		--crosspost-dir "$(CROSSPOST_DIR)"

newpost: $(VENV)/.runtime
	$(PY) -m tinhoi.authoring new --title "$(TITLE)" --category "$(CATEGORY)" --branch "$(BRANCH)" \
		--lang "$(POST_LANG)"

translate: $(VENV)/.runtime
	$(PY) -m tinhoi.authoring translate --slug "$(SLUG)" $(if $(SYNC),--sync)

check: $(VENV)/.runtime
	$(PY) -m tinhoi.doctor

# every declared setting of pelicanconf.py: type, default and meaning (in Vietnamese)
settings: $(VENV)/.runtime
	$(PY) -m tinhoi.sitebuild.settings_registry

# a new unit's site in its own folder (plugins/starter): content, settings, Makefile, workflow
new-site: $(VENV)/.runtime
	$(PY) -m tinhoi.starter "$(DIR)" $(if $(UNIT),--unit "$(UNIT)") \
		$(if $(PROVINCE),--province "$(PROVINCE)")

# The browser editor (plugins/cms): fetch its pinned script once (needs npm; checked against
# the SHA-512 in plugins/cms/vendor.py), then every build serves it at /admin/.
cms-install: $(VENV)/.runtime
	$(PY) -m tinhoi.cms install

# Rewrite "Key: value" headers as YAML front matter, which the editor reads (FILES=… to pick)
cms-migrate: $(VENV)/.runtime
	$(PY) -m tinhoi.cms migrate $(FILES)

# DEPLOY=zip (a zip for a portal's hosting), rsync (DEPLOY_RSYNC_TARGET=user@host:/path/),
# github (explains the GitHub Pages workflow in .github/workflows/pages.yml)
deploy: publish
	$(PY) -m tinhoi.sitebuild.deploy $(DEPLOY)

# output/ as it is, with the site's 404 page for a missing address
serve: html
	$(PY) -m tinhoi.sitebuild.serve --output output --host $(HOST) --port $(PORT)

# the real build kept warm: rebuilds what a save changed, the open page reloads itself
devserver: $(VENV)/.runtime
	$(PY) -m tinhoi.sitebuild.preview --settings pelicanconf.py --host $(HOST) --port $(PORT)

LINTED := plugins tests bench pelicanconf.py publishconf.py
test: $(VENV)/.dev
	$(PY) -m ruff check $(LINTED)
	$(PY) -m ruff format --check $(LINTED)
	$(PY) -m pytest

catalogs: $(VENV)/.runtime
	$(PY) -m babel.messages.frontend extract --mapping-file theme/babel.cfg --no-location \
		--omit-header --sort-output --output-file theme/translations/messages.pot theme/templates
	for lang in vi en; do \
		test -f theme/translations/$$lang/LC_MESSAGES/messages.po || \
		$(PY) -m babel.messages.frontend init --locale $$lang --domain messages \
			--input-file theme/translations/messages.pot --output-dir theme/translations; \
	done
	$(PY) -m babel.messages.frontend update --input-file theme/translations/messages.pot \
		--output-dir theme/translations --no-fuzzy-matching

# Cross-posting (plugins/crosspost; README "Đăng lên Facebook và Zalo"). Tokens come from
# the environment only. make publish writes the plan; these targets read it.
crosspost-preview: $(VENV)/.runtime
	$(CROSSPOST) preview

crosspost: $(VENV)/.runtime
	$(CROSSPOST) send

crosspost-done: $(VENV)/.runtime
	$(CROSSPOST) done "$(ARTICLE)" $(GROUP)

crosspost-retry: $(VENV)/.runtime
	$(CROSSPOST) retry "$(ARTICLE)" $(GROUP)

crosspost-report: $(VENV)/.runtime
	$(CROSSPOST) report

# Commit state.json + log.jsonl and push them (merging with a push that landed meanwhile).
# The hosted workflow runs it after every send, also a failed one.
crosspost-save-ledger: $(VENV)/.runtime
	$(CROSSPOST) save-ledger

# Many sites in one repository (plugins/province, README "Nhiều trang trong một kho"): a
# plain loop, each site an ordinary build of its own folder into its own output/ and cache/
SITES_DIR ?= examples/province/sites
SITE ?=
sites: $(VENV)/.runtime
	for site in $(SITES_DIR)/*/; do \
		test -f "$${site}pelicanconf.py" || continue; \
		$(BUILD) html --settings "$${site}pelicanconf.py" $(STRICT_FLAG) || exit 1; \
	done

site: $(VENV)/.runtime
	@test -n "$(SITE)" -a -f "$(SITES_DIR)/$(SITE)/pelicanconf.py" || \
		{ echo "Cần SITE=<mã>, một thư mục của $(SITES_DIR)/ có pelicanconf.py."; exit 2; }
	$(BUILD) html --settings $(SITES_DIR)/$(SITE)/pelicanconf.py $(STRICT_FLAG)

# The wheel and sdist of this version (pyproject.toml) into dist/release/, checked with
# twine; built with the pinned setuptools, offline. Uploading stays a separate, manual step.
RELEASE_DIR := dist/release
release: $(VENV)/.dev
	rm -rf $(RELEASE_DIR)
	$(PY) -m build --no-isolation --outdir $(RELEASE_DIR) .
	rm -rf tin_hoi.egg-info
	$(PY) -m twine check --strict $(RELEASE_DIR)/*

# The image cache (cache/media) survives a clean: rebuilding it costs minutes of CPU on a
# big site. `make clean CACHE=1` removes it too.
clean:
	rm -rf output output.staging-* output.old-* dist
ifneq ($(strip $(CACHE)),)
	rm -rf cache
endif

bench-images: $(VENV)/.runtime
	$(PY) bench/images.py

N ?= 1000
bench: $(VENV)/.dev
	$(PY) bench/run.py --n $(N) $(if $(ROUNDS),--rounds $(ROUNDS))
