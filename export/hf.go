package export

import (
	"fmt"
	"io"
	"path/filepath"

	"github.com/abstracts-dev/abstracts/schema"
)

// shardWriter writes the Parquet shards of the HF layout into DIR/data. It
// closes a shard once its estimated size reaches max: the bytes written so
// far plus the rows of the current row group, estimated from their size in
// memory times the compression ratio of the last row group written.
// Reaching the size ends the row group, then the shard; before any row
// group is written the ratio is guessed as 1, so the first time the size
// is reached only the row group ends, and the shard goes on if the
// measured ratio leaves room. The shards are named at
// Commit, when their count is known: data/train-00000-of-0000N.parquet.
type shardWriter struct {
	c         *committer
	dir       string
	max       int64
	newWriter func(io.Writer) (*ParquetWriter, error)

	cur       *ParquetWriter
	out       *countingWriter
	groupSize int64   // in-memory bytes of the rows since the last row group
	lastN     int64   // out.n when the last row group was written
	ratio     float64 // file bytes per in-memory byte so far
	learned   bool    // ratio is measured, not the first guess of 1
	shards    []*shard

	rows     int64 // records written
	memBytes int64 // their size as Arrow data in memory
	sources  []*cardSource
	bySource map[string]*cardSource
}

type shard struct {
	f    *tempFile
	rows int64
	size int64 // bytes of the finished file
}

// recordBytes estimates a record's size as Arrow data in memory, what the
// datasets library counts as num_bytes: the text bytes, four bytes of
// offset per string, list and list element, four per int32 and date.
// (Validity bitmaps add a bit per row for each nullable column.)
func recordBytes(r *schema.Record) int64 {
	n := 0
	for i := range schema.Columns {
		c := &schema.Columns[i]
		n += 4
		switch c.Kind {
		case schema.String:
			n += len(c.Text(r))
		case schema.StringList:
			for _, s := range c.List(r) {
				n += len(s) + 4
			}
		}
	}
	return int64(n)
}

func (s *shardWriter) Write(r *schema.Record) error {
	if s.cur == nil {
		if err := s.openShard(); err != nil {
			return err
		}
	}
	size := recordBytes(r)
	s.groupSize += size
	if err := s.cur.Write(r); err != nil {
		return err
	}
	s.shards[len(s.shards)-1].rows++
	s.rows++
	s.memBytes += size
	s.count(r)
	s.learn()
	if float64(s.out.n)+float64(s.groupSize)*s.ratio < float64(s.max) {
		return nil
	}
	guessed := !s.learned
	if err := s.cur.endRowGroup(); err != nil {
		return err
	}
	s.learn()
	if guessed && s.out.n < s.max {
		return nil // the ratio was a guess; the shard has room by the real one
	}
	return s.closeShard()
}

// learn updates the compression ratio once the writer has written a row
// group.
func (s *shardWriter) learn() {
	if s.out.n != s.lastN && s.groupSize > 0 {
		s.ratio = float64(s.out.n-s.lastN) / float64(s.groupSize)
		s.lastN, s.groupSize = s.out.n, 0
		s.learned = true
	}
}

func (s *shardWriter) openShard() error {
	f, err := s.c.create(s.dir, "", ".train.parquet.tmp-*")
	if err != nil {
		return err
	}
	s.out = &countingWriter{w: f}
	pw, err := s.newWriter(s.out)
	if err != nil {
		return fmt.Errorf("%s: %w", f.Name(), err)
	}
	s.cur, s.lastN, s.groupSize = pw, s.out.n, 0
	s.shards = append(s.shards, &shard{f: f})
	return nil
}

func (s *shardWriter) closeShard() error {
	sh := s.shards[len(s.shards)-1]
	if err := s.cur.Close(); err != nil {
		return err
	}
	s.cur = nil
	sh.size = s.out.n
	return sh.f.finish()
}

// Close finishes the last shard (an empty one if there was no record, so
// that the dataset still has its schema) and names the shards.
func (s *shardWriter) Close() error {
	if s.cur == nil && len(s.shards) == 0 {
		if err := s.openShard(); err != nil {
			return err
		}
	}
	if s.cur != nil {
		if err := s.closeShard(); err != nil {
			return err
		}
	}
	for i, sh := range s.shards {
		sh.f.path = filepath.Join(s.dir, shardName(i, len(s.shards)))
	}
	return nil
}

func shardName(i, n int) string { return fmt.Sprintf("train-%05d-of-%05d.parquet", i, n) }

// count adds the record to its dump's counts for the dataset card.
func (s *shardWriter) count(r *schema.Record) {
	src := s.bySource[r.Source]
	if src == nil {
		if s.bySource == nil {
			s.bySource = map[string]*cardSource{}
		}
		src = &cardSource{Path: r.Source}
		s.bySource[r.Source] = src
		s.sources = append(s.sources, src)
	}
	src.Rows++
	if n := len(src.Listings); n == 0 || src.Listings[n-1].Label != r.ListingLabel || src.Listings[n-1].Date != r.ListingDate {
		src.addListing(r.ListingLabel, r.ListingDate)
	}
}
