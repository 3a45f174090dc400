package portal_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"time"

	"github.com/proxenos/proxenos/i18n"
	"github.com/proxenos/proxenos/portal"
)

func ExampleClient_FindTopic() {
	// A stand-in for the portal; in production BaseURL stays empty.
	answer, _ := os.ReadFile("testdata/cerv-town-tt.json")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write(answer)
	}))
	defer srv.Close()

	client := &portal.Client{BaseURL: srv.URL, HTTP: &http.Client{Timeout: 10 * time.Second}}
	topic, err := client.FindTopic(context.Background(), "CERV-2027-CITIZENS-TOWN-TT")
	if err != nil {
		fmt.Println(i18n.T(i18n.English, "error.internal"))
		return
	}
	call := topic.Call
	athens, _ := time.LoadLocation("Europe/Athens")
	fmt.Println(call.Identifier, "·", call.Title, "·", i18n.Label(i18n.English, call.Programme))
	for _, d := range call.Deadlines {
		fmt.Println(i18n.FormatDateTime(i18n.Greek, d.At.In(athens)))
	}
	fmt.Printf("€%d–%d per grant\n", call.GrantMin, call.GrantMax)
	fmt.Println("on the portal:", i18n.Label(i18n.English, topic.Status))
	// Output:
	// CERV-2027-CITIZENS-TOWN-TT · Town-Twinning · CERV
	// 4 Μαρτίου 2027, 18:00
	// 21 Σεπτεμβρίου 2027, 18:00
	// €8500–51000 per grant
	// on the portal: open
}
