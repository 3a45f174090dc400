package main

import (
	"bytes"
	"encoding/base64"
	"maps"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
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
	Image        string            `yaml:"image"`
	Command      []string          `yaml:"command"`
	MemLimit     string            `yaml:"mem_limit"`
	MemswapLimit string            `yaml:"memswap_limit"`
	Environment  map[string]string `yaml:"environment"`
	Secrets      []string          `yaml:"secrets"`
	Volumes      []string          `yaml:"volumes"`
	DependsOn    map[string]struct {
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
		for _, want := range []string{"replSetInitiate", "rs0", "PRIMARY", "mongo1:27017", "mongo2:27017", "mongo3:27017"} {
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
	t.Run("Memory", func(t *testing.T) {
		for _, name := range members {
			checkMemberMemory(t, name, c.Services[name])
		}
	})
	t.Run("Auth", func(t *testing.T) {
		checkAuth(t, c, members)
	})
	t.Run("StorageURL", func(t *testing.T) {
		raw := generatedStorageURL(t, c.Services["mongo-keys"])
		if err := validateStorageURL(raw); err != nil {
			t.Fatalf("storage URL %q: %v", raw, err)
		}
		u, _ := url.Parse(raw)
		q := u.Query()
		if q.Get("w") != "majority" || q.Get("replicaSet") != "rs0" || q.Get("authSource") != "proxenos" {
			t.Errorf("storage URL %q, want w=majority, replicaSet=rs0 and authSource=proxenos", raw)
		}
		if pw, _ := u.User.Password(); u.User.Username() != "proxenos" || pw != "PASSWORD" {
			t.Errorf("storage URL %q, want user proxenos with the generated password", raw)
		}
		for _, m := range members {
			if !strings.Contains(u.Host, m+":27017") {
				t.Errorf("storage URL does not list %s", m)
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
			if s.Environment["PROXENOS_STORAGE_URL"] != "" {
				t.Error("PROXENOS_STORAGE_URL is set in the compose file; the URL holds a password")
			}
			if s.Environment["PROXENOS_STORAGE_URL_FILE"] != "/run/proxenos-credentials/storage_url" ||
				!slices.Contains(s.Volumes, "proxenos-credentials:/run/proxenos-credentials:ro") {
				t.Error("the storage URL is not read from the file mongo-keys writes, mounted read-only")
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
				mounted, secretFile := strings.CutPrefix(path, "/run/secrets/")
				if secretFile && (!slices.Contains(s.Secrets, mounted) || c.Secrets[mounted].File == "") ||
					!secretFile && !onReadOnlyVolume(s, path) {
					t.Errorf("%s=%s is neither a declared, mounted secret nor on a read-only volume", name, path)
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

// checkMemberMemory fails t unless the member has a memory limit, no swap
// beyond it, and a WiredTiger cache within MongoDB's rule for that much
// memory: 0.5 × (limit − 1 GB). Without the flag each member sizes its
// cache to the host, and three on one host overcommit it.
func checkMemberMemory(t *testing.T, name string, s composeService) {
	t.Helper()
	limit, err := byteSize(withDefault(s.MemLimit))
	if err != nil || limit == 0 {
		t.Errorf("%s: mem_limit %q, want a memory limit (%v)", name, s.MemLimit, err)
		return
	}
	if withDefault(s.MemswapLimit) != withDefault(s.MemLimit) {
		t.Errorf("%s: memswap_limit %q, want it equal to mem_limit %q (no swap)", name, s.MemswapLimit, s.MemLimit)
	}
	i := slices.Index(s.Command, "--wiredTigerCacheSizeGB")
	if i < 0 || i+1 >= len(s.Command) {
		t.Errorf("%s: no --wiredTigerCacheSizeGB in %v", name, s.Command)
		return
	}
	cache, err := strconv.ParseFloat(withDefault(s.Command[i+1]), 64)
	const gb = 1 << 30
	if err != nil || cache <= 0 || cache*gb > 0.5*float64(limit-gb) {
		t.Errorf("%s: cache %s GB with a %s limit, want at most 0.5 × (limit − 1 GB)", name, s.Command[i+1], s.MemLimit)
	}
}

// checkAuth fails t unless the members share a keyFile generated by
// mongo-keys, the first creates the admin from a password file, and mongo-init
// logs in with it and creates Proxenos's user; no password is written
// in the compose file.
func checkAuth(t *testing.T, c composeFile, members []string) {
	t.Helper()
	keys := c.Services["mongo-keys"]
	script := strings.Join(keys.Command, "\n")
	for _, want := range []string{"keyfile", "admin_password", "app_password", "/dev/urandom", "chmod 400", "[ -s keyfile ] ||"} {
		if !strings.Contains(script, want) {
			t.Errorf("mongo-keys lacks %q: a keyFile and passwords generated once", want)
		}
	}
	for _, name := range members {
		s := c.Services[name]
		i := slices.Index(s.Command, "--keyFile")
		if i < 0 || i+1 >= len(s.Command) || !onReadOnlyVolume(s, s.Command[i+1]) {
			t.Errorf("%s: no --keyFile on a read-only volume in %v", name, s.Command)
		}
		// The initiator creates the admin from its password file; the
		// other members must hold no data, or replSetInitiate refuses
		// them (CannotInitializeNodeWithData).
		initiator := name == members[0]
		if initiator != (s.Environment["MONGO_INITDB_ROOT_PASSWORD_FILE"] != "") || s.Environment["MONGO_INITDB_ROOT_PASSWORD"] != "" {
			t.Errorf("%s: environment %v; want the admin created from a password file on %s only", name, s.Environment, members[0])
		}
		if s.DependsOn["mongo-keys"].Condition != "service_completed_successfully" {
			t.Errorf("%s: does not wait for mongo-keys", name)
		}
	}
	init := strings.Join(c.Services["mongo-init"].Command, " ")
	for _, want := range []string{`auth("admin"`, "admin_password", "createUser", "updateUser", "readWrite", "app_password"} {
		if !strings.Contains(init, want) {
			t.Errorf("mongo-init lacks %q", want)
		}
	}
	for name, s := range c.Services {
		for k, v := range s.Environment {
			if strings.Contains(k, "PASSWORD") && !strings.HasSuffix(k, "_FILE") && v != "" {
				t.Errorf("%s: %s is written in the compose file", name, k)
			}
		}
	}
}

// generatedStorageURL returns the storage URL mongo-keys writes, with
// PASSWORD standing for the generated password.
func generatedStorageURL(t *testing.T, keys composeService) string {
	t.Helper()
	script := strings.Join(keys.Command, "\n")
	start := strings.Index(script, "mongodb://")
	if start < 0 {
		t.Fatal("mongo-keys writes no storage URL")
	}
	raw, _, _ := strings.Cut(script[start:], `"`)
	return strings.ReplaceAll(raw, "$$(cat app_password)", "PASSWORD")
}

// onReadOnlyVolume reports whether path is inside a volume mounted
// read-only in s.
func onReadOnlyVolume(s composeService, path string) bool {
	for _, v := range s.Volumes {
		parts := strings.Split(v, ":")
		if len(parts) == 3 && parts[2] == "ro" && strings.HasPrefix(path, parts[1]+"/") {
			return true
		}
	}
	return false
}

// withDefault resolves a compose variable with a default, as compose
// does when the variable is unset: "${MONGO_MEMORY:-2g}" is "2g".
func withDefault(v string) string {
	inner, ok := strings.CutPrefix(v, "${")
	if !ok {
		return v
	}
	inner, _ = strings.CutSuffix(inner, "}")
	_, def, _ := strings.Cut(inner, ":-")
	return def
}

// byteSize reads a Docker memory size: 512m, 2g, 1073741824.
func byteSize(v string) (int64, error) {
	units := map[string]int64{"b": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30}
	v = strings.ToLower(strings.TrimSpace(v))
	mult := int64(1)
	if n := len(v); n > 0 {
		if u, ok := units[v[n-1:]]; ok {
			mult, v = u, v[:n-1]
		}
	}
	n, err := strconv.ParseInt(v, 10, 64)
	return n * mult, err
}

// TestDeploy_Distribution applies deploy/docker-compose.distribution.yml
// over the main file as Compose merges them (environment by key, the
// override winning), resolves its variables and secret files, and loads
// the result as serve would: distribution mode, with no bot or app token
// nor a process-wide office channel, and every setting it needs.
func TestDeploy_Distribution(t *testing.T) {
	var base, over composeFile
	for path, c := range map[string]*composeFile{"../../deploy/docker-compose.yml": &base, "../../deploy/docker-compose.distribution.yml": &over} {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := yaml.Unmarshal(data, c); err != nil {
			t.Fatal(err)
		}
	}
	dir := t.TempDir()
	vars := map[string]string{"SLACK_CLIENT_ID": "1234.5678", "PROXENOS_PUBLIC_URL": "https://proxenos.example.gr", "PROXENOS_LLM_MODEL": "gpt-4o-mini"}
	placeholder := regexp.MustCompile(`^\$\{([A-Z_]+)(?::[-?][^}]*)?\}$`)
	for _, name := range []string{"proxenos-a", "proxenos-b"} {
		env := maps.Clone(base.Services[name].Environment)
		maps.Copy(env, over.Services[name].Environment)
		secrets := append(slices.Clone(base.Services[name].Secrets), over.Services[name].Secrets...)
		files := map[string]string{}
		for key, value := range env {
			if m := placeholder.FindStringSubmatch(value); m != nil {
				env[key] = vars[m[1]]
			}
			if mounted, ok := strings.CutPrefix(value, "/run/secrets/"); ok {
				if !slices.Contains(secrets, mounted) || (base.Secrets[mounted].File == "" && over.Secrets[mounted].File == "") {
					t.Errorf("%s: %s=%s is not a declared, mounted secret", name, key, value)
				}
				files[value] = filepath.Join(dir, mounted)
			}
		}
		for path, file := range files {
			content := "test-" + filepath.Base(path)
			if strings.HasSuffix(path, "encryption_key") {
				content = base64.StdEncoding.EncodeToString(bytes.Repeat([]byte{7}, 32))
			}
			if err := os.WriteFile(file, []byte(content), 0o600); err != nil {
				t.Fatal(err)
			}
			for key, value := range env {
				if value == path {
					env[key] = file
				}
			}
		}
		env["PROXENOS_STORAGE_URL_FILE"] = "" // the credentials volume is mongo-keys'
		getenv, err := SecretFiles(func(k string) string { return env[k] })
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		c := DefaultConfig()
		c.ApplyEnv(getenv)
		if err := c.Validate(); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !c.Distribution() || c.Slack.BotToken != "" || c.Slack.AppToken != "" || c.Office.Channel != "" || c.Encryption.Key == "" {
			t.Errorf("%s: distribution %v, bot token %t, app token %t, channel %q, key %t", name, c.Distribution(),
				c.Slack.BotToken != "", c.Slack.AppToken != "", c.Office.Channel, c.Encryption.Key != "")
		}
	}
}
