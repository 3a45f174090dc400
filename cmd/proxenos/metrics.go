package main

import (
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics holds the Prometheus metrics of one process, on a registry of its
// own so that tests can run several Mains side by side.
type Metrics struct {
	Registry *prometheus.Registry
	commands *prometheus.CounterVec
	duration *prometheus.HistogramVec
}

// NewMetrics registers the command metrics and the Go runtime collectors.
func NewMetrics() *Metrics {
	m := &Metrics{
		Registry: prometheus.NewRegistry(),
		commands: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "proxenos_commands_total",
			Help: "Commands, modal submissions and button presses handled, by command and outcome.",
		}, []string{"command", "outcome"}),
		// Buckets from a lookup (milliseconds) to a long translation or a report.
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "proxenos_command_duration_seconds",
			Help:    "Time to handle a command, by command.",
			Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
		}, []string{"command"}),
	}
	// The process collector adds memory, CPU and open files, which tell
	// a leak from a busy day.
	m.Registry.MustRegister(m.commands, m.duration,
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Observe records one handled command; it is the handlers' Observe hook.
func (m *Metrics) Observe(command, outcome string, elapsed time.Duration) {
	m.commands.WithLabelValues(command, outcome).Inc()
	m.duration.WithLabelValues(command).Observe(elapsed.Seconds())
}

// Handler serves the metrics in the Prometheus text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.Registry, promhttp.HandlerOpts{Registry: m.Registry})
}
