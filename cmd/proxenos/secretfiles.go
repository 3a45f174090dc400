package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/proxenos/proxenos"
)

// secretVariables are the settings that may also be given as files, the
// way Docker and Kubernetes secrets are mounted: SLACK_BOT_TOKEN_FILE=
// /run/secrets/slack_bot_token. The storage URL is one, as it may hold
// a password.
var secretVariables = []string{"SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_CLIENT_SECRET",
	"OPENAI_API_KEY", "PROXENOS_STORAGE_URL", "PROXENOS_ENCRYPTION_KEY", "PROXENOS_ENCRYPTION_OLD_KEYS"}

// maxSecretFile bounds a secret file: a token is a few hundred bytes.
const maxSecretFile = 64 << 10

// SecretFiles returns getenv extended by secret files: for each of
// secretVariables that is unset, a set NAME_FILE names a file whose
// content (without the final line break) is the value. Setting both NAME
// and NAME_FILE is an EINVALID error, so that a rotated file is never
// silently overridden by a stale variable; so is a file that cannot be
// read. The files are read once, here.
func SecretFiles(getenv func(string) string) (func(string) string, error) {
	values := map[string]string{}
	for _, name := range secretVariables {
		path := strings.TrimSpace(getenv(name + "_FILE"))
		if path == "" {
			continue
		}
		if strings.TrimSpace(getenv(name)) != "" {
			return nil, proxenos.Errorf(proxenos.EINVALID, "config.secret_both", name, name+"_FILE")
		}
		value, err := readSecret(path)
		if err != nil {
			return nil, proxenos.Errorf(proxenos.EINVALID, "config.secret_file", name+"_FILE", path, err.Error())
		}
		values[name] = value
	}
	if len(values) == 0 {
		return getenv, nil
	}
	return func(name string) string {
		if v, ok := values[name]; ok {
			return v
		}
		return getenv(name)
	}, nil
}

// readSecret returns the content of the file at path, without the line
// break editors add at the end.
func readSecret(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	// One byte past the limit tells a file that is too big (the wrong
	// file mounted, say) from one that fills it: refused, not cut short.
	b, err := io.ReadAll(io.LimitReader(f, maxSecretFile+1))
	if err != nil {
		return "", err
	}
	if len(b) > maxSecretFile {
		return "", fmt.Errorf("%s is larger than %d bytes: not a secret", path, maxSecretFile)
	}
	// `echo token > file` adds "\n", editors on Windows "\r\n"; a token
	// never ends in either.
	return strings.TrimRight(string(b), "\r\n"), nil
}
