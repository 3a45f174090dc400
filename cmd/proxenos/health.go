package main

import (
	"context"
	"flag"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/i18n"
)

// CommandHealthcheck asks a running Proxenos whether it is alive: the
// healthcheck of images without a shell or curl, such as distroless.
const CommandHealthcheck = "healthcheck"

// healthcheckTimeout bounds the request; orchestrators retry.
const healthcheckTimeout = 3 * time.Second

// healthcheckFlags defines the flags of healthcheck on fs and returns the
// catalogue key of its description.
func (m *Main) healthcheckFlags(fs *flag.FlagSet) string {
	fs.StringVar(&m.ConfigPath, "config", "", i18n.T(m.lang(), "cli.flag.config"))
	fs.StringVar(&m.HealthURL, "url", "", i18n.T(m.lang(), "cli.flag.health_url"))
	return "cli.about.healthcheck"
}

// runHealthcheck GETs the health URL (by default /healthz on the
// configured HTTP address of this host) and fails unless it answers 200.
func (m *Main) runHealthcheck(ctx context.Context) error {
	url := m.HealthURL
	if url == "" {
		url = "http://" + localAddr(m.Config.HTTP.Addr) + "/healthz"
	}
	ctx, cancel := context.WithTimeout(ctx, healthcheckTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return proxenos.Errorf(proxenos.EINVALID, "cli.health.failed", url, err.Error())
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return proxenos.Errorf(proxenos.EUNAVAILABLE, "cli.health.failed", url, err.Error())
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return proxenos.Errorf(proxenos.EUNAVAILABLE, "cli.health.failed", url, resp.Status)
	}
	fmt.Fprintln(m.Stdout, i18n.T(m.lang(), "cli.health.ok", url))
	return nil
}

// localAddr turns a listen address into one to dial on this host:
// ":3000" and "0.0.0.0:3000" become "127.0.0.1:3000", "[::]:3000" "[::1]:3000".
func localAddr(listen string) string {
	host, port, err := net.SplitHostPort(listen)
	if err != nil {
		return listen
	}
	switch host {
	case "", "0.0.0.0":
		host = "127.0.0.1"
	case "::":
		host = "::1"
	}
	return net.JoinHostPort(host, port)
}
