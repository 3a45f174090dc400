package workday_test

import (
	"fmt"
	"time"

	"github.com/proxenos/proxenos/workday"
)

func ExampleBefore() {
	athens, _ := time.LoadLocation("Europe/Athens")
	// Due on Saturday 26 December 2026, the day after Christmas.
	due := time.Date(2026, 12, 26, 9, 0, 0, 0, athens)
	fmt.Println(workday.Before(due).Format("Mon 2 Jan 15:04"))
	// Output: Thu 24 Dec 09:00
}
