package validate

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestIDSetFirstLine(t *testing.T) {
	var s idSet
	rng := rand.New(rand.NewPCG(1, 2))
	want := map[uint64]int{}
	ids := []uint64{0, 1, math.MaxUint64} // edge values are ids like any other
	for range 100_000 {
		ids = append(ids, rng.Uint64())
	}
	for i, id := range ids {
		line := 4*i + 3
		first, seen := s.add(id, line)
		if seen != (want[id] != 0) || first != want[id] {
			t.Fatalf("add(%#x, %d) = %d, %v; want %d, %v", id, line, first, seen, want[id], want[id] != 0)
		}
		if !seen {
			want[id] = line
		}
	}
	// Every id again, in another order: each names its first line.
	rng.Shuffle(len(ids), func(i, j int) { ids[i], ids[j] = ids[j], ids[i] })
	for _, id := range ids {
		if first, seen := s.add(id, 1); !seen || first != want[id] {
			t.Fatalf("second add(%#x) = %d, %v; want %d, true", id, first, seen, want[id])
		}
	}
	held := 0
	if s.zero != 0 {
		held++
	}
	for i := range s.shards {
		held += s.shards[i].n
	}
	if held != len(want) {
		t.Errorf("the shards hold %d ids, want %d", held, len(want))
	}
	checkOrder(t, &s)
}

// checkOrder checks what lookups and grow rely on: going along a run of
// full slots, an id is at most one slot further from its home than the one
// before, and one as far comes after it in the order of mixed ids.
func checkOrder(t *testing.T, s *idSet) {
	t.Helper()
	for k := range s.shards {
		sh := &s.shards[k]
		for i := range sh.size {
			j := (i + 1) % sh.size
			if sh.id(i) == 0 || sh.id(j) == 0 {
				continue
			}
			di, dj := sh.distance(i), sh.distance(j)
			if dj > di+1 || dj == di+1 && mixID(sh.id(j))<<idShardBits < mixID(sh.id(i))<<idShardBits {
				t.Fatalf("shard %d slots %d and %d of %d: distances %d and %d, out of order", k, i, j, sh.size, di, dj)
			}
		}
	}
}

// TestIDSetSameHome fills one shard with ids that share their home slot and
// their neighbours', the worst case of linear probing.
func TestIDSetSameHome(t *testing.T) {
	// ids whose mixed forms differ only in the low bits land in the same
	// shard and, for tables below 2^40 slots, the same home.
	const inv = 0xf1de83e19937733d // the inverse of mixID's multiplier
	if mixID(inv) != 1 {
		t.Fatal("inv is not the inverse of mixID's multiplier")
	}
	var ids []uint64
	for k := range uint64(1000) {
		ids = append(ids, (0xabcdef<<40+k)*inv)
	}
	for _, reverse := range []bool{false, true} {
		var s idSet
		if reverse {
			slices.Reverse(ids)
		}
		for i, id := range ids {
			if _, seen := s.add(id, i+1); seen {
				t.Fatalf("id %d seen before", i)
			}
		}
		for i, id := range ids {
			if first, seen := s.add(id, 1<<20); !seen || first != i+1 {
				t.Fatalf("reverse %v, id %d: first line %d, %v; want %d", reverse, i, first, seen, i+1)
			}
		}
		checkOrder(t, &s)
	}
}

func TestIDSetFarLines(t *testing.T) {
	var s idSet
	far := math.MaxUint32 + 10
	s.add(7, far)
	s.add(8, math.MaxUint32-1)
	if first, seen := s.add(7, 1); !seen || first != far {
		t.Errorf("add(7) = %d, %v; want %d, true", first, seen, far)
	}
	if first, seen := s.add(8, 1); !seen || first != math.MaxUint32-1 {
		t.Errorf("add(8) = %d, %v; want %d, true", first, seen, math.MaxUint32-1)
	}
}

// TestIDSetBytesPerID checks the promise of issue 10, at most 16 bytes per
// distinct paper, with the memory the allocator gives: past 200,000 ids,
// and up to 17.5 bytes, with the smallest tables, below.
func TestIDSetBytesPerID(t *testing.T) {
	var s idSet
	rng := rand.New(rand.NewPCG(3, 4))
	const fixed = idShards * 8 * 24 // the smallest tables: 16 slots in 24 words
	for n := 1; n <= 400_000; n++ {
		s.add(rng.Uint64(), n)
		if n%997 != 0 {
			continue
		}
		if got := s.bytes(); n < 200_000 && 2*got > 35*n+2*fixed || n >= 200_000 && got > 16*n {
			t.Fatalf("%d ids take %d bytes, %.2f per id", n, got, float64(got)/float64(n))
		}
	}
}
