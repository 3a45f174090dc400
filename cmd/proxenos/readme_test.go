package main

import (
	"os"
	"strings"
	"testing"
)

// TestREADME_Settings checks that the README's table and the example
// configuration name every environment variable Proxenos reads.
func TestREADME_Settings(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	example, err := os.ReadFile("../../config.example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var read []string
	c := DefaultConfig()
	c.ApplyEnv(func(name string) string {
		read = append(read, name)
		return ""
	})
	if len(read) < 14 {
		t.Fatalf("ApplyEnv read only %d variables: %v", len(read), read)
	}
	for _, name := range append(read, "PROXENOS_CONFIG") {
		if !strings.Contains(string(readme), "| `"+name+"` |") {
			t.Errorf("the README's settings table lacks %s", name)
		}
		if name != "PROXENOS_CONFIG" && !strings.Contains(string(example), name) {
			t.Errorf("config.example.yaml does not mention %s", name)
		}
	}
}

// TestREADME_TestCommand checks that CI runs exactly the test command the
// README gives.
func TestREADME_TestCommand(t *testing.T) {
	const command = "go test ./..."
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	ci, err := os.ReadFile("../../.ci/run")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(readme), "```sh\n"+command+"\n```") {
		t.Errorf("the README does not give %q as a command", command)
	}
	lines := strings.Split(strings.TrimSpace(string(ci)), "\n")
	if got := lines[len(lines)-1]; got != command {
		t.Errorf(".ci/run ends with %q, want %q", got, command)
	}
}
