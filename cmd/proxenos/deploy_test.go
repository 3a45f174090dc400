package main

import (
	"net/url"
	"os"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// composeFile is the part of deploy/docker-compose.yml the test reads.
type composeFile struct {
	Services map[string]composeService `yaml:"services"`
	Volumes  map[string]any            `yaml:"volumes"`
	Secrets  map[string]struct {
		File string `yaml:"file"`
	} `yaml:"secrets"`
}

// composeService is one service, after YAML merges.
type composeService struct {
	Image       string            `yaml:"image"`
	Command     []string          `yaml:"command"`
	Environment map[string]string `yaml:"environment"`
	Secrets     []string          `yaml:"secrets"`
	Volumes     []string          `yaml:"volumes"`
	DependsOn   map[string]struct {
		Condition string `yaml:"condition"`
	} `yaml:"depends_on"`
	Healthcheck *struct {
		Test []string `yaml:"test"`
	} `yaml:"healthcheck"`
}

// TestDeploy_Compose checks the structure of the production compose
// file, as no Docker engine runs here: a three-member replica set
// initiated once, two Proxenos replicas on it with majority writes,
// healthchecks, volumes, and secrets the config loader reads as files.
func TestDeploy_Compose(t *testing.T) {
	data, err := os.ReadFile("../../deploy/docker-compose.yml")
	if err != nil {
		t.Fatal(err)
	}
	var c composeFile
	if err := yaml.Unmarshal(data, &c); err != nil {
		t.Fatal(err)
	}
	members := []string{"mongo1", "mongo2", "mongo3"}
	t.Run("ReplicaSet", func(t *testing.T) {
		for _, name := range members {
			s := c.Services[name]
			if !slices.Contains(s.Command, "--replSet") || s.Healthcheck == nil || len(s.Volumes) == 0 {
				t.Errorf("%s: %+v, want a replica set member with a healthcheck and a volume", name, s)
			}
			if vol, _, _ := strings.Cut(s.Volumes[0], ":"); !hasKey(c.Volumes, vol) {
				t.Errorf("%s: volume %s is not declared", name, vol)
			}
		}
		init := strings.Join(c.Services["mongo-init"].Command, " ")
		for _, want := range []string{"rs.initiate", "rs0", "PRIMARY", "mongo1:27017", "mongo2:27017", "mongo3:27017"} {
			if !strings.Contains(init, want) {
				t.Errorf("mongo-init lacks %q: %s", want, init)
			}
		}
		for _, m := range members {
			if c.Services["mongo-init"].DependsOn[m].Condition != "service_healthy" {
				t.Errorf("mongo-init does not wait for %s to be healthy", m)
			}
		}
	})
	var replicas []string
	for name, s := range c.Services {
		if strings.HasPrefix(s.Image, "proxenos:") {
			replicas = append(replicas, name)
		}
	}
	if len(replicas) < 2 {
		t.Fatalf("proxenos replicas %v, want at least two", replicas)
	}
	for _, name := range replicas {
		s := c.Services[name]
		t.Run(name, func(t *testing.T) {
			raw := s.Environment["PROXENOS_STORAGE_URL"]
			if err := validateStorageURL(raw); err != nil {
				t.Fatalf("storage URL %q: %v", raw, err)
			}
			u, _ := url.Parse(raw)
			q := u.Query()
			if q.Get("w") != "majority" || q.Get("replicaSet") != "rs0" {
				t.Errorf("storage URL %q, want w=majority and replicaSet=rs0", raw)
			}
			for _, m := range members {
				if !strings.Contains(u.Host, m+":27017") {
					t.Errorf("storage URL does not list %s", m)
				}
			}
			if s.DependsOn["mongo-init"].Condition != "service_completed_successfully" {
				t.Error("does not wait for the replica set to be initiated")
			}
			if s.Healthcheck == nil || !slices.Contains(s.Healthcheck.Test, CommandHealthcheck) {
				t.Errorf("healthcheck %+v, want `proxenos healthcheck`", s.Healthcheck)
			}
			if s.Environment["PROXENOS_OFFICE_CHANNEL"] == "" {
				t.Error("no office channel: reminders would be off")
			}
			// Every secret file is one the config loader reads, mounted
			// from a declared secret.
			files := 0
			for name, path := range s.Environment {
				secret, ok := strings.CutSuffix(name, "_FILE")
				if !ok {
					continue
				}
				files++
				if !slices.Contains(secretVariables, secret) {
					t.Errorf("%s is not read by the config loader", name)
				}
				mounted := strings.TrimPrefix(path, "/run/secrets/")
				if !slices.Contains(s.Secrets, mounted) || c.Secrets[mounted].File == "" {
					t.Errorf("%s=%s is not a declared, mounted secret", name, path)
				}
				if s.Environment[secret] != "" {
					t.Errorf("both %s and %s are set", secret, name)
				}
			}
			if files < 3 {
				t.Errorf("%d secrets as files, want the Slack credentials at least", files)
			}
		})
	}
}

// TestDeploy_Dockerfile checks the image's build: static, non-root, with
// a healthcheck that needs no shell.
func TestDeploy_Dockerfile(t *testing.T) {
	data, err := os.ReadFile("../../Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"CGO_ENABLED=0", "distroless/static", "USER nonroot", `HEALTHCHECK`, `"healthcheck"]`} {
		if !strings.Contains(string(data), want) {
			t.Errorf("Dockerfile lacks %q", want)
		}
	}
	// A storage URL baked into the image would clash with PROXENOS_STORAGE_URL_FILE.
	if strings.Contains(string(data), "PROXENOS_STORAGE_URL=") {
		t.Error("Dockerfile sets PROXENOS_STORAGE_URL")
	}
}

// hasKey reports whether m has key.
func hasKey(m map[string]any, key string) bool {
	_, ok := m[key]
	return ok
}
