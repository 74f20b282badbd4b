package validate

import (
	"math"
	"math/bits"
)

// idSet is the set of record ids (64-bit title hashes) a Reader has seen,
// each with the line where it was first seen, for the duplicate check. It
// takes 12 bytes a slot and keeps between 75% and 90% of its slots full,
// so at most 16 bytes per id, where a Go map took about 80.
//
// It is split into idShards open-addressing tables (Robin Hood linear
// probing) by the top bits of the mixed id, so that growing one copies a
// small table and memory never doubles for a moment.
type idSet struct {
	shards [idShards]idShard
	far    map[uint64]int // first lines past math.MaxUint32, by id; nearly always nil
}

const (
	idShardBits = 8
	idShards    = 1 << idShardBits

	// A shard grows by a fifth when it would be more than nine tenths
	// full: it is then three quarters full.
	idMaxLoadNum, idMaxLoadDen = 9, 10
	idMinSlots                 = 16
)

// idShard is one open-addressing table. A slot whose line is 0 is empty:
// lines count from 1.
type idShard struct {
	ids   []uint64
	lines []uint32 // the first line of ids[i]; math.MaxUint32: see idSet.far
	n     int      // ids held
}

// mixID spreads the bits of id so that shard and slot are uniform even if
// ids were not (titles' ids are SHA-256 prefixes and are already).
func mixID(id uint64) uint64 { return id * 0x9E3779B97F4A7C15 }

// home returns the slot where the mixed id h belongs in a table of n slots.
func home(h uint64, n int) int {
	hi, _ := bits.Mul64(h<<idShardBits, uint64(n))
	return int(hi)
}

// add records that id was seen at line, unless it was seen before; it then
// returns the line where it was first seen, and true.
func (s *idSet) add(id uint64, line int) (first int, seen bool) {
	h := mixID(id)
	sh := &s.shards[h>>(64-idShardBits)]
	if f, ok := sh.find(id, h); ok {
		if f == math.MaxUint32 {
			return s.far[id], true
		}
		return int(f), true
	}
	stored := uint32(math.MaxUint32)
	if line < math.MaxUint32 {
		stored = uint32(line)
	} else {
		if s.far == nil {
			s.far = make(map[uint64]int)
		}
		s.far[id] = line
	}
	if (sh.n+1)*idMaxLoadDen > len(sh.ids)*idMaxLoadNum {
		sh.grow()
	}
	sh.insert(id, stored)
	sh.n++
	return 0, false
}

// find returns the line stored with id, whose mixed form is h.
func (sh *idShard) find(id, h uint64) (uint32, bool) {
	n := len(sh.ids)
	if n == 0 {
		return 0, false
	}
	for i, dist := home(h, n), 0; ; dist++ {
		if sh.lines[i] == 0 {
			return 0, false
		}
		if sh.ids[i] == id {
			return sh.lines[i], true
		}
		// Robin Hood order: an id further from its home than this slot's
		// would have taken it.
		if sh.distance(i) < dist {
			return 0, false
		}
		if i++; i == n {
			i = 0
		}
	}
}

// distance returns how far slot i, which is full, is from its id's home.
func (sh *idShard) distance(i int) int {
	n := len(sh.ids)
	return (i - home(mixID(sh.ids[i]), n) + n) % n
}

// insert puts id, known to be absent, into a table with a free slot,
// moving ids that are nearer their home than it is further along.
func (sh *idShard) insert(id uint64, line uint32) {
	n := len(sh.ids)
	for i, dist := home(mixID(id), n), 0; ; dist++ {
		if sh.lines[i] == 0 {
			sh.ids[i], sh.lines[i] = id, line
			return
		}
		if d := sh.distance(i); d < dist {
			sh.ids[i], id = id, sh.ids[i]
			sh.lines[i], line = line, sh.lines[i]
			dist = d
		}
		if i++; i == n {
			i = 0
		}
	}
}

// grow moves the ids into a table a fifth larger.
func (sh *idShard) grow() {
	ids, lines := sh.ids, sh.lines
	n := max(idMinSlots, len(ids)+len(ids)/5)
	sh.ids, sh.lines = make([]uint64, n), make([]uint32, n)
	for i, line := range lines {
		if line != 0 {
			sh.insert(ids[i], line)
		}
	}
}

// bytes returns the memory the tables take.
func (s *idSet) bytes() int {
	total := 0
	for i := range s.shards {
		total += 12 * len(s.shards[i].ids)
	}
	return total
}
