package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/proxenos/proxenos"
)

// requestKeys names the key column of each table whose rows createOnce
// makes (issue 20): the request that created a row is kept in its
// request_id, unique per workspace, so that the request run again gets
// the row instead of making another. (Calendar feeds keep it too, but a
// feed made again replaces the one before: see CreateCalendarFeed.)
var requestKeys = map[string]string{
	"partners": "id", "contacts": "id", "calls": "id", "agreements": "id", "obligations": "id", "glossary": "id",
}

// createOnce runs create, which inserts the row keyed key into table, in
// a write transaction, and marks the row as made by the request in ctx.
// When that request already made a row of table in team, it creates
// nothing and returns that row, read with find; else it returns nil.
func createOnce[T any](ctx context.Context, db *DB, table, team, key string,
	find func(context.Context, queryer, string, string) (*T, error), create func(*sql.Tx) error, doing string) (*T, error) {
	request := proxenos.RequestFromContext(ctx)
	var made *T
	err := db.writeTx(ctx, func(tx *sql.Tx) error {
		id, err := createdBy(ctx, tx, table, team, request)
		switch {
		case err != nil:
			return err
		case id != "":
			made, err = find(ctx, tx, team, id)
			return err
		}
		if err := create(tx); err != nil {
			return err
		}
		return markCreated(ctx, tx, table, team, request, key)
	}, doing, team, key)
	return made, err
}

// createdBy returns the key of the row of table the request created in
// team, "" when it created none (or there is no request).
func createdBy(ctx context.Context, q queryer, table, team, request string) (string, error) {
	if request == "" {
		return "", nil
	}
	var key string
	err := q.QueryRowContext(ctx, fmt.Sprintf(`SELECT %s FROM %s WHERE team = ? AND request_id = ?`, requestKeys[table], table),
		team, request).Scan(&key)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return key, translate(err, "find record of request", table, team, request)
}

// markCreated records that the request created the row of table keyed key.
func markCreated(ctx context.Context, tx *sql.Tx, table, team, request, key string) error {
	if request == "" {
		return nil
	}
	_, err := tx.ExecContext(ctx, fmt.Sprintf(`UPDATE %s SET request_id = ? WHERE team = ? AND %s = ?`, table, requestKeys[table]),
		request, team, key)
	return translate(err, "mark record of request", table, team, key)
}

// docFinder returns a finder of the row of table by id, decoded from its
// doc column in the zone of the workspace in the finder's ctx; ENOTFOUND
// with key notFound when there is none.
func docFinder[T any](table, notFound string, decode func(string, *time.Location) (*T, error)) func(context.Context, queryer, string, string) (*T, error) {
	return func(ctx context.Context, q queryer, team, id string) (*T, error) {
		var doc string
		err := q.QueryRowContext(ctx, fmt.Sprintf(`SELECT doc FROM %s WHERE team = ? AND id = ?`, table), team, id).Scan(&doc)
		if errors.Is(err, sql.ErrNoRows) {
			return nil, proxenos.Errorf(proxenos.ENOTFOUND, notFound, id)
		} else if err != nil {
			return nil, translate(err, "find "+table, team, id)
		}
		return decode(doc, proxenos.ZoneFromContext(ctx))
	}
}
