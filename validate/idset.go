package validate

import (
	"math"
	"math/bits"
	"slices"
)

// idSet is the set of record ids (64-bit title hashes) a Reader has seen,
// each with the line where it was first seen, for the duplicate check. It
// takes 12 bytes a slot and keeps between 75% and 90% of its slots full,
// so at most 16 bytes per id (past some 200,000 ids; up to 17 below, where
// the allocator's size classes show), where a Go map[uint64]int takes
// about 31.
//
// It is split into idShards open-addressing tables (Robin Hood linear
// probing) by the top bits of the mixed id, so that growing one copies a
// small table and memory never doubles for a moment. Each table is one
// allocation, all of which it uses, so that the allocator's rounding up
// costs nothing.
type idSet struct {
	shards [idShards]idShard
	zero   int            // the first line of id 0, which marks empty slots; 0 if not seen
	far    map[uint64]int // first lines past math.MaxUint32, by id; nearly always nil
}

const (
	idShardBits = 6
	idShards    = 1 << idShardBits

	// A shard grows by a fifth when it would be more than nine tenths
	// full: it is then three quarters full.
	idMaxLoadNum, idMaxLoadDen = 9, 10
	idMinSlots                 = 16
)

// idShard is one open-addressing table of size slots: their ids in
// words[:size], their lines two to a word after. A slot whose id is 0 is
// empty, so that probing reads ids only. A line of math.MaxUint32 is in
// idSet.far.
//
// Ids with the same home are kept in the order of their mixed forms, as
// Robin Hood probing keeps different homes: the whole table is then in
// the order of the mixed ids, from the first slot not wrapped round to, and
// grow can move it over without probing.
type idShard struct {
	words []uint64
	size  int
	n     int // ids held
}

func (sh *idShard) id(i int) uint64 { return sh.words[i] }

func (sh *idShard) line(i int) uint32 {
	return uint32(sh.words[sh.size+i/2] >> (32 * (i & 1)))
}

func (sh *idShard) set(i int, id uint64, line uint32) {
	sh.words[i] = id
	w, shift := &sh.words[sh.size+i/2], 32*(i&1)
	*w = *w&^(math.MaxUint32<<shift) | uint64(line)<<shift
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
	if id == 0 {
		if s.zero != 0 {
			return s.zero, true
		}
		s.zero = line
		return 0, false
	}
	stored := uint32(min(line, math.MaxUint32))
	h := mixID(id)
	sh := &s.shards[h>>(64-idShardBits)]
	if (sh.n+1)*idMaxLoadDen > sh.size*idMaxLoadNum {
		sh.grow() // perhaps for an id seen before: no harm
	}
	f, seen := sh.add(id, h, stored)
	switch {
	case !seen && stored == math.MaxUint32:
		if s.far == nil {
			s.far = make(map[uint64]int)
		}
		s.far[id] = line
	case seen && f == math.MaxUint32:
		return s.far[id], true
	case seen:
		return int(f), true
	}
	return 0, false
}

// add returns the line stored with id, whose mixed form is h, if it is in
// the table; else it puts id in with line. The table has a free slot.
func (sh *idShard) add(id, h uint64, line uint32) (uint32, bool) {
	n := sh.size
	for i, dist := home(h, n), 0; ; dist++ {
		switch there := sh.id(i); there {
		case id:
			return sh.line(i), true
		case 0:
			sh.set(i, id, line)
			sh.n++
			return 0, false
		default:
			// Where id would be, were it in: it takes the slot.
			if d := sh.distance(i); d < dist || d == dist && mixID(there)<<idShardBits > h<<idShardBits {
				thereLine := sh.line(i)
				sh.set(i, id, line)
				sh.place(i+1, d+1, there, thereLine)
				sh.n++
				return 0, false
			}
		}
		if i++; i == n {
			i = 0
		}
	}
}

// distance returns how far slot i, which is full, is from its id's home.
func (sh *idShard) distance(i int) int {
	d := i - home(mixID(sh.id(i)), sh.size)
	if d < 0 {
		d += sh.size
	}
	return d
}

// place puts id, known to be absent and not 0, into a table with a free
// slot, from slot i where it is dist slots from its home on, moving along
// the ids that are nearer their home than it is, or as near and after it
// in the order of mixed ids.
func (sh *idShard) place(i, dist int, id uint64, line uint32) {
	n := sh.size
	for ; ; dist++ {
		if i == n {
			i = 0
		}
		there := sh.id(i)
		if there == 0 {
			sh.set(i, id, line)
			return
		}
		if d := sh.distance(i); d < dist || d == dist && mixID(there)<<idShardBits > mixID(id)<<idShardBits {
			thereLine := sh.line(i)
			sh.set(i, id, line)
			id, line, dist = there, thereLine, d
		}
		i++
	}
}

// pageWords is how many words the allocator's pages hold: it gives an
// object of more than 32 KiB whole 8 KiB pages.
const pageWords = 8 << 10 / 8

// grow moves the ids into a table about a fifth larger, three quarters
// full, using all the memory the allocator gives for it.
func (sh *idShard) grow() {
	old := *sh
	size := max(idMinSlots, old.size+old.size/5)
	words := size + (size+1)/2
	if words > 4*pageWords {
		// Whole pages, as many as two words (16 bytes) per id allow, if
		// that leaves room for a tenth more ids; else a page more.
		words = 2 * (old.n + 1) &^ (pageWords - 1)
		if 2*words/3*idMaxLoadNum < (old.n+1)*11/10*idMaxLoadDen {
			words = (size + (size+1)/2 + pageWords - 1) &^ (pageWords - 1)
		}
	}
	buf := slices.Grow([]uint64(nil), words) // rounded up to the allocator's size
	sh.words = buf[:cap(buf)]
	sh.size = 2 * len(sh.words) / 3 // size words of ids and size/2 of lines fit
	// The ids go over in their order, in which their homes in the new
	// table come too (home is monotone in the mixed id): each to its home
	// or to the slot after the last one placed, whichever comes later,
	// without probing. The order starts after the ids that wrapped round to
	// the first slots; the few that would wrap round in the new table are
	// inserted last.
	start := 0
	for start < old.size && old.id(start) != 0 && home(mixID(old.id(start)), old.size) > start {
		start++
	}
	var wrapped []uint64 // ids and lines
	next := 0
	for k := range old.size {
		i := (start + k) % old.size
		id := old.id(i)
		if id == 0 {
			continue
		}
		p := max(home(mixID(id), sh.size), next)
		if p >= sh.size {
			wrapped = append(wrapped, id, uint64(old.line(i)))
			continue
		}
		sh.set(p, id, old.line(i))
		next = p + 1
	}
	for k := 0; k < len(wrapped); k += 2 {
		id := wrapped[k]
		sh.place(home(mixID(id), sh.size), 0, id, uint32(wrapped[k+1]))
	}
}

// bytes returns the memory the tables take.
func (s *idSet) bytes() int {
	total := 0
	for i := range s.shards {
		total += 8 * cap(s.shards[i].words)
	}
	return total
}
