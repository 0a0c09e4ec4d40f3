# Conventional entry points for administrators; the scripts do the work.
#   sudo make install            sudo make uninstall
#   make install DESTDIR=/tmp/root
# Build first: npm ci && npm run build (not done here, so that root never
# writes into the checkout).
DESTDIR ?=

.PHONY: install uninstall
install:
	DESTDIR="$(DESTDIR)" ./scripts/install.sh

uninstall:
	DESTDIR="$(DESTDIR)" ./scripts/uninstall.sh
