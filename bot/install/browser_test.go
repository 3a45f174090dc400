package install_test

import (
	"context"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// chromiumPath is Debian's chromium, which .ci/run installs.
const chromiumPath = "/usr/bin/chromium"

// newBrowser starts a headless chromium with a fresh profile, or skips
// the test when there is none.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	if _, err := os.Stat(chromiumPath); err != nil {
		t.Skip("browser test of the install pages: " + chromiumPath + " not found; .ci/run installs it with apt-get install chromium")
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(375, 740),
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	t.Cleanup(cancel)
	ctx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	t.Cleanup(cancelAlloc)
	ctx, cancelBrowser := chromedp.NewContext(ctx)
	t.Cleanup(cancelBrowser)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start %s: %v", chromiumPath, err)
	}
	return ctx
}

// run runs a, or fails the test.
func run[T any](t *testing.T, ctx context.Context, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestBrowserInstall walks the install in a real browser, as a phone
// shows it: the link carries the client id, the scopes and a state; the
// browser follows it through the fake consent page back to the success
// page, which names the workspace; the pages load nothing from anywhere
// and fit the phone's width. In Greek for a Greek browser.
func TestBrowserInstall(t *testing.T) {
	for _, c := range []struct {
		lang, want, button string
	}{
		{"en-GB,en;q=0.8", "Proxenos is installed in Δήμος Αμαρουσίου <IR>.", "Add to Slack"},
		{"el-GR,el;q=0.9", "Το Proxenos εγκαταστάθηκε στο Δήμος Αμαρουσίου <IR>.", "Προσθήκη στο Slack"},
	} {
		t.Run(c.lang[:2], func(t *testing.T) {
			s := newSite(t)
			ctx := newBrowser(t)
			if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
				t.Fatal(err)
			}
			if _, err := chromedp.Call(ctx, network.SetExtraHTTPHeaders,
				network.SetExtraHTTPHeadersParams{Headers: network.Headers{"Accept-Language": c.lang}}); err != nil {
				t.Fatal(err)
			}
			action := chromedp.ID("action")
			if err := chromedp.Do(ctx, chromedp.Navigate(s.srv.URL+"/slack/install"), chromedp.WaitVisible(action)); err != nil {
				t.Fatal(err)
			}
			attr, err := chromedp.Run(ctx, chromedp.AttributeValue(action, "href"))
			if err != nil {
				t.Fatal(err)
			}
			href := attr.Value
			button := run(t, ctx, chromedp.Text(action))
			resources := run(t, ctx, chromedp.Evaluate[int](`performance.getEntriesByType("resource").length`))
			overflow := run(t, ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth - window.innerWidth`))
			if err := chromedp.Do(ctx, chromedp.Click(action), chromedp.WaitVisible(chromedp.CSS("main#installed, main#failed"))); err != nil {
				t.Fatal(err)
			}
			page := run(t, ctx, chromedp.Text(chromedp.CSS("main")))
			link, err := url.Parse(href)
			if err != nil {
				t.Fatal(err)
			}
			q := link.Query()
			if q.Get("client_id") != "1111.2222" || !strings.Contains(q.Get("scope"), "commands,chat:write") || len(q.Get("state")) < 32 {
				t.Errorf("install link %s lacks the client id, scopes or state", href)
			}
			if button != c.button || resources != 0 || overflow > 0 {
				t.Errorf("install page: button %q, %d resources loaded, %dpx wider than the phone", button, resources, overflow)
			}
			if !strings.Contains(page, c.want) || !strings.Contains(page, "/ir setup") {
				t.Errorf("success page says %q, want %q", page, c.want)
			}
		})
	}
}
