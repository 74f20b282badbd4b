package validate

import (
	"errors"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/abstracts-dev/abstracts/schema"
)

// readCapture reads a file of ../testdata/captures in the style given.
func readCapture(t *testing.T, name string, style Style) ([]*schema.Record, *Reader) {
	t.Helper()
	return readFrom(t, strings.NewReader(captureText(t, name)), name, func(r *Reader) { r.Style = style })
}

// TestCaptures reads the real captures: every one is valid, gives one
// record per distinct paper, and the records hold what the page shows.
func TestCaptures(t *testing.T) {
	n := func(v int) schema.NullInt { return schema.Int(v) }
	null := schema.NullInt{}
	tests := []struct {
		file     string
		style    Style
		listing  Listing
		records  int
		warnings int
		check    []schema.Record // compared field by field with the record of the same position
	}{
		{file: "firecrawl-search.md", style: StyleMarkdown, records: 5,
			listing: Listing{Style: StyleMarkdown, URL: "https://huggingface.co/papers?q=source%20citations", Kind: "search",
				Query: "source citations", CaptureDate: "2026-10-02"},
			check: []schema.Record{
				{ID: schema.TitleID("OCC-RAG: Optimal Cognitive Core for Faithful Question Answering"),
					Title: "OCC-RAG: Optimal Cognitive Core for Faithful Question Answering", Position: 1, Line: 32,
					PaperID: "2606.00683", PublishedDate: "2026-05-29", Upvotes: n(101), Comments: n(6), Organization: "OCC",
					Abstract: "Recent progress in the development of language models has been defined by scale, with each generation absorbing more of the world's knowledge into its weights. However, many practical applications benefit more from robust reasoning than from extensive parametric knowledge. In this setting, task-specialized small language models (SLMs) offer a principled design choice. We introduce Optimal Cognitive Core (OCC), a family of SLMs built around this premise. As a variant of OCC, we present OCC-RAG, optimized for faithful question answering (QA) grounded in the provided context. This task directly aligns with the OCC design approach, requiring multi-hop reasoning over supplied passages while ignoring memorized knowledge. To train OCC-RAG, we implement a novel pipeline for synthesizing multi-context, multi-hop QA data at scale, producing a corpus of over three million examples targeting multi-hop reasoning, strict context faithfulness, and calibrated abstention. We release OCC-RAG-0.6B and OCC-RAG-1.7B, both mid-trained on this corpus. The models produce structured reasoning traces with sourcecitations grounded in literal quotes from the context. Through OCC-RAG, we demonstrate that compact, task-specialized SLMs can match or exceed general-purpose models 2 -- 6x their size across multi-hop reasoning (HotpotQA, MuSiQue, TAT-QA), faithfulness (ConFiQA), and refusal (MuSiQue-Un) benchmarks."},
				{Title: "Benchmark Radar: A Living Database and Search Engine for AI Benchmarks and Evaluation", Position: 2, Line: 44,
					PaperID: "2609.11115", PublishedDate: "2026-09-09", Upvotes: n(173), Comments: n(9), Organization: "Carnegie Mellon University"},
				{Title: "The Noisy Path from Source to Citation: Measuring How Scholars Engage with Past Research", Position: 3, Line: 56,
					PaperID: "2502.20581", PublishedDate: "2025-02-27", Upvotes: n(0), Comments: null, NumAuthors: n(3),
					Abstract: "Academic citations are widely used for evaluating research and tracing knowledge flows. Such uses typically rely on raw citation counts and neglect variability in citation types. In particular, citations can vary in their fidelity as original knowledge from cited studies may be paraphrased, summarized, or reinterpreted, possibly wrongly, leading to variation in how much information changes from cited to citing paper. In this study, we introduce a computational pipeline to quantify citation fidelity at scale. Using full texts of papers, the pipeline identifies citations in citing papers and the corresponding claims in cited papers, and applies supervised models to measure fidelity at the sentence level. Analyzing a large-scale multi-disciplinary dataset of approximately 13 million citation sentence pairs, we find that citation fidelity is higher when authors cite papers that are 1) more recent and intellectually close, 2) more accessible, and 3) the first author has a lower H-index and the author team is medium-sized. Using a quasi-experiment, we establish the \"telephone effect\" - when citing papers have low fidelity to the original claim, future papers that cite the citing paper and the original have lower fidelity to the original. Our work reveals systematic differences in citation fidelity, underscoring the limitations of analyses that rely on citation quantity alone and the potential for distortion of evidence."},
				{Title: "Source or It Didn't Happen: A Multi-Agent Framework for Citation Hallucination Detection", Position: 4, Line: 89,
					PaperID: "2605.08583", PublishedDate: "2026-05-08", Upvotes: n(1), Comments: n(1), Organization: "University of Massachusetts Amherst",
					URLs: []string{"https://github.com/aaFrostnova/CiteTracer"}, GitHubRepo: "aaFrostnova/CiteTracer"},
				{Title: "Sources of Truth: A Multi-Platform, Multilingual Audit of Citations in AI Mental Health Information Queries", Position: 5, Line: 101,
					PaperID: "2609.00319", PublishedDate: "2026-08-30", Upvotes: n(0), NumAuthors: n(10)},
			}},
		{file: "notebooklm-search.txt", style: StyleNotebookLM, records: 7, warnings: 1, // "Shellcode_IA32": latex-in-title runs on every format
			listing: Listing{Style: StyleNotebookLM, URL: "https://huggingface.co/papers?q=Intercode%20Bash", Kind: "search",
				Query: "Intercode Bash", CaptureDate: "2026-07-28"},
			check: []schema.Record{
				{Title: "Better than Your Teacher: LLM Agents that learn from Privileged AI Feedback", Position: 1, Line: 93,
					PaperID: "2410.05434", PublishedDate: "2024-10-07", Upvotes: n(1), NumAuthors: n(2), URLs: []string{"https://leap-llm.github.io"}},
				{Title: "InterCode: Standardizing and Benchmarking Interactive Coding with Execution Feedback", Position: 2, Line: 113,
					PaperID: "2306.14898", PublishedDate: "2023-06-26", Upvotes: n(0), NumAuthors: n(4),
					URLs: []string{"https://intercode-benchmark.github.io"}},
				{Position: 3}, {Position: 4}, {Position: 5},
				{Title: "code2seq: Generating Sequences from Structured Representations of Code", Position: 6, Line: 193,
					PaperID: "1808.01400", PublishedDate: "2018-08-03", Upvotes: n(2), NumAuthors: n(4),
					URLs: []string{"http://code2seq.org", "http://github.com/tech-srl/code2seq"}, GitHubRepo: "tech-srl/code2seq"},
				{Title: "Arctic-SnowCoder: Demystifying High-Quality Data in Code Pretraining", Position: 7, Line: 213,
					PaperID: "2409.02326", PublishedDate: "2024-09-03", Upvotes: n(19), Comments: n(2), NumAuthors: n(3)},
			}},
		{file: "html-to-markdown-trending.md", style: StyleMarkdown, records: 3, warnings: 3,
			listing: Listing{Style: StyleMarkdown, URL: "https://huggingface.co/papers/trending", Kind: "trending"},
			check: []schema.Record{
				{Title: "Kandinsky 6.0 Video: Foundation Models for Synchronized Video and Audio Generation", Position: 1, Line: 53,
					PaperID: "2610.05608", PublishedDate: "2026-10-04", Upvotes: n(117), Organization: "Kandinsky Lab", SubmittedBy: "vvasilev",
					GitHubRepo: "kandinskylab/kandinsky-6", GitHubStars: n(131)},
				{Title: "The Other Half of the Memory Wall: Serving 35B MoEs from SSD with Trained Routing Prediction", Position: 2, Line: 104,
					PaperID: "2609.18063", PublishedDate: "2026-09-16", Upvotes: n(25), Organization: "Edge0", SubmittedBy: "bupalinyu",
					GitHubRepo: "Edge0-AI/edge0", GitHubStars: n(3290)},
				{Title: "TradingAgents: Multi-Agents LLM Financial Trading Framework", Position: 3, Line: 153,
					PaperID: "2412.20138", PublishedDate: "2024-12-28", Upvotes: n(149), NumAuthors: n(4),
					GitHubRepo: "tauricresearch/tradingagents", GitHubStars: n(110000),
					Abstract: "A multi-agent framework using large language models for stock trading simulates real-world trading firms, improving performance metrics like cumulative returns and Sharpe ratio."},
			}},
	}
	for _, tt := range tests {
		for _, style := range []Style{StyleAuto, tt.style} {
			t.Run(tt.file+"/"+style.String(), func(t *testing.T) {
				recs, r := readCapture(t, tt.file, style)
				if err := r.Err(); err != nil {
					t.Fatalf("capture is invalid:\n%v", err)
				}
				if len(recs) != tt.records || r.Warnings() != tt.warnings {
					t.Fatalf("%d records and %d warnings, want %d and %d: %v", len(recs), r.Warnings(), tt.records, tt.warnings, r.Diagnostics())
				}
				if got := r.Listing(); got != tt.listing {
					t.Errorf("Listing() = %+v, want %+v", got, tt.listing)
				}
				for i, want := range tt.check {
					checkRecord(t, recs[i], want)
				}
			})
		}
	}
}

// checkRecord compares the fields of got that want sets (a zero NullInt
// means null only where the card says nothing: see the table above).
func checkRecord(t *testing.T, got *schema.Record, want schema.Record) {
	t.Helper()
	if want.Title == "" {
		return
	}
	if want.ID == "" {
		want.ID = schema.TitleID(want.Title)
	}
	if got.ID != want.ID || got.Title != want.Title || got.Position != want.Position || got.Line != want.Line ||
		got.PaperID != want.PaperID || got.PublishedDate != want.PublishedDate || got.Upvotes != want.Upvotes ||
		got.Comments != want.Comments || got.NumAuthors != want.NumAuthors || got.Organization != want.Organization ||
		got.SubmittedBy != want.SubmittedBy || got.GitHubStars != want.GitHubStars || got.GitHubRepo != want.GitHubRepo ||
		got.ListingLabel != "" || got.ListingDate != "" || fmt.Sprint(got.URLs) != fmt.Sprint(append([]string{}, want.URLs...)) ||
		want.Abstract != "" && got.Abstract != want.Abstract {
		t.Errorf("record %d:\n got %+v\nwant %+v", want.Position, *got, want)
	}
}

// mdCard is a card of a generated Markdown capture: one block a line,
// each followed by a blank line, 14 lines in all.
var mdCard = []string{
	"[{k}](https://huggingface.co/login?next=%2Fpapers%2F2606.0000{k})", // +0 upvotes
	"### [Paper Title {k}](https://huggingface.co/papers/2606.0000{k})", // +2 heading
	"[{a}](https://huggingface.co/papers/2606.0000{k})",                 // +4 abstract
	"[- 3 authors](https://huggingface.co/papers/2606.0000{k})",         // +6 authors
	"·", // +8
	"May 29[6](https://huggingface.co/papers/2606.0000{k}#community)",                         // +10 date, comments
	"[GitHub 12](https://github.com/o/r{k}) [arXiv Page](https://arxiv.org/abs/2606.0000{k})", // +12 links
}

// mdHeader is the front matter and chrome of a generated Markdown capture;
// the first card starts on line 11.
const mdHeader = "---\nurl: https://huggingface.co/papers/date/2026-10-02\nretrieved: 2026-10-02\n---\nnew\n\n# Daily Papers\n\nOct 2\n\n"

// markdownCapture returns a Markdown capture of cards cards; edit may
// change the blocks of a card (by their index in mdCard; "" drops one).
func markdownCapture(cards int, edit func(card int, blocks []string)) string {
	return generatedCapture(mdHeader, mdCard, cards, edit)
}

// generatedCapture writes header and then cards copies of the card
// template, each block filled (fillCard), edited and followed by a blank
// line; a block edited to "" is left out.
func generatedCapture(header string, card []string, cards int, edit func(card int, blocks []string)) string {
	var b strings.Builder
	b.WriteString(header)
	for k := range cards {
		blocks := make([]string, len(card))
		for i, f := range card {
			blocks[i] = fillCard(f, k)
		}
		if edit != nil {
			edit(k, blocks)
		}
		for _, bl := range blocks {
			if bl != "" {
				b.WriteString(bl + "\n\n")
			}
		}
	}
	return b.String()
}

// fillCard fills a card template: {k} is the card's number, {a} an
// abstract.
func fillCard(template string, k int) string {
	return strings.NewReplacer("{k}", fmt.Sprint(k), "{a}", abstract(150)).Replace(template)
}

// nlmCard is a card of a generated NotebookLM export, 24 lines.
var nlmCard = []string{
	" [-] {k}", // +0
	"https://huggingface.co/login?next=%2Fpapers%2F2606.0000{k}", // +2
	"Paper Title {k}", // +4
	"https://huggingface.co/papers/2606.0000{k}", // +6
	"{a}", // +8 abstract
	"https://huggingface.co/papers/2606.0000{k}", // +10
	"[", // +12
	"3 authors](https://huggingface.co/papers/2606.0000{k})", // +14
	"·",            // +16
	"Oct 7, 2024 ", // +18
	"2",            // +20
	"https://huggingface.co/papers/2606.0000{k}#community", // +22
}

// nlmHeader is the front matter and chrome of a generated NotebookLM
// export; the first card starts on line 16.
const nlmHeader = "---\nurl: https://huggingface.co/papers?q=x\ntype: web_page\nexported: 2026-07-28\n---\n\n# Daily Papers - Hugging Face\nDaily Papers - Hugging Face\n\nDaily Papers\n\nx\n\nMar 25\n\n"

// notebookLMCapture returns a NotebookLM export of cards cards; edit may
// change the blocks of a card (by their index in nlmCard).
func notebookLMCapture(cards int, edit func(card int, blocks []string)) string {
	return generatedCapture(nlmHeader, nlmCard, cards, edit)
}

func TestGeneratedCapturesValid(t *testing.T) {
	for _, tt := range []struct {
		style Style
		input string
	}{
		{StyleMarkdown, markdownCapture(5, nil)},
		{StyleNotebookLM, notebookLMCapture(5, nil)},
	} {
		recs, r := readAll(t, tt.input, nil)
		if r.Err() != nil || len(recs) != 5 || r.Listing().Style != tt.style || r.Warnings() != 0 {
			t.Fatalf("%v: %d records, %v, %v", tt.style, len(recs), r.Listing(), r.Diagnostics())
		}
	}
	// A daily page: the date line is the listing's date, its year the capture's.
	recs, _ := readAll(t, markdownCapture(1, nil), nil)
	if recs[0].ListingLabel != "Oct 2" || recs[0].ListingDate != "2026-10-02" || recs[0].Line != 13 {
		t.Errorf("daily record: %+v", *recs[0])
	}
	// --year wins over the capture's date.
	recs, _ = readAll(t, markdownCapture(1, nil), func(r *Reader) { r.Year = 2025 })
	if recs[0].ListingDate != "2025-10-02" {
		t.Errorf("daily record with Year: %+v", *recs[0])
	}
}

// TestCaptureDefects places each defect a capture style checks at the first,
// a middle and the last card, and expects exactly one diagnostic there.
func TestCaptureDefects(t *testing.T) {
	const cards = 5
	mdLine := func(k, block int) int { return 11 + 14*k + 2*block }
	nlmLine := func(k, block int) int { return 16 + 24*k + 2*block }
	tests := []struct {
		name   string
		style  Style
		block  int    // the block of the card that is changed
		text   string // its new text, "" to drop it; {k} is the card
		at     int    // the block where the diagnostic is (after the change)
		col    int
		code   Code
		record bool // the card still gives a record
	}{
		{"heading without link", StyleMarkdown, 1, "### Paper Title {k}", 1, 1, CodeCardMissingTitleLink, false},
		{"heading missing", StyleMarkdown, 1, "", 1, 1, CodeCardMissingTitleLink, false},
		{"abstract missing", StyleMarkdown, 2, "", 1, 6, CodeCardMissingAbstract, false},
		{"unknown line", StyleMarkdown, 4, "Sign in to comment", 4, 1, CodeUnknownCardLine, false},
		{"upvotes not a number", StyleMarkdown, 0, "[1o1](https://huggingface.co/login?next=%2Fpapers%2F2606.0000{k})", 0, 2, CodeBadCount, false},
		{"comments not a number", StyleMarkdown, 5, "May 29[six](https://huggingface.co/papers/2606.0000{k}#community)", 5, 8, CodeBadCount, false},
		{"stars not a number", StyleMarkdown, 6, "[GitHub lots](https://github.com/o/r{k})", 6, 9, CodeBadCount, false},
		{"authors not a number", StyleMarkdown, 3, "[- many authors](https://huggingface.co/papers/2606.0000{k})", 3, 4, CodeBadCount, false},
		{"publication date", StyleMarkdown, 5, "Feb 30, 2025", 5, 1, CodeInvalidPublicationDate, false},
		{"unknown line before the abstract", StyleMarkdown, 1, "### [Paper Title {k}](https://huggingface.co/papers/2606.0000{k})\n\nSign in to vote", 2, 1, CodeUnknownCardLine, false},
		{"upvotes of another paper", StyleMarkdown, 0, "[3](https://huggingface.co/login?next=%2Fpapers%2F9999.0000{k})", 0, 1, CodeUnknownCardLine, false},

		{"title without link", StyleNotebookLM, 3, "", 2, 1, CodeCardMissingTitleLink, false},
		{"title missing", StyleNotebookLM, 2, "", 2, 1, CodeCardMissingTitleLink, false},
		{"abstract missing", StyleNotebookLM, 4, "", 2, 1, CodeCardMissingAbstract, false},
		{"unknown line", StyleNotebookLM, 8, "Sign in", 8, 1, CodeUnknownCardLine, false},
		{"upvotes not a number", StyleNotebookLM, 0, " [-] x{k}", 0, 6, CodeBadCount, false},
		{"comments not a number", StyleNotebookLM, 10, "two", 10, 1, CodeBadCount, false},
		{"authors not a number", StyleNotebookLM, 7, "some authors](https://huggingface.co/papers/2606.0000{k})", 7, 1, CodeBadCount, false},
		{"publication date", StyleNotebookLM, 9, "Feb 30, 2025", 9, 1, CodeInvalidPublicationDate, false},
		{"date replaced", StyleNotebookLM, 9, "Sign in", 9, 1, CodeUnknownCardLine, false},
		{"unknown line before the abstract", StyleNotebookLM, 3, "https://huggingface.co/papers/2606.0000{k}\n\nSign in", 4, 1, CodeUnknownCardLine, false},
	}
	for _, tt := range tests {
		for _, k := range []int{0, cards / 2, cards - 1} {
			t.Run(fmt.Sprintf("%v/%s/card %d", tt.style, tt.name, k), func(t *testing.T) {
				edit := func(card int, blocks []string) {
					if card == k {
						blocks[tt.block] = fillCard(tt.text, card)
					}
				}
				var input string
				var line int
				if tt.style == StyleNotebookLM {
					input, line = notebookLMCapture(cards, edit), nlmLine(k, tt.at)
				} else {
					input, line = markdownCapture(cards, edit), mdLine(k, tt.at)
				}
				recs, r := readAll(t, input, nil)
				diags := r.Diagnostics()
				want := fmt.Sprintf("dump.txt:%d:%d: [%s]", line, tt.col, tt.code)
				if len(diags) != 1 || fmt.Sprintf("%s: [%s]", diags[0].Pos, diags[0].Code) != want {
					t.Fatalf("diagnostics:\n%v\nwant one: %s", diags, want)
				}
				wantRecs := cards - 1
				if tt.record {
					wantRecs = cards
				}
				if len(recs) != wantRecs {
					t.Fatalf("%d records, want %d", len(recs), wantRecs)
				}
				// Every other card gives the record it gives unbroken.
				var clean string
				if tt.style == StyleNotebookLM {
					clean = notebookLMCapture(cards, nil)
				} else {
					clean = markdownCapture(cards, nil)
				}
				whole, _ := readAll(t, clean, nil)
				for i, rec := range recs {
					w := *whole[i]
					if !tt.record && i >= k {
						w = *whole[i+1]
					}
					g := *rec
					g.Line, g.Position, w.Line, w.Position = 0, 0, 0, 0
					if !reflect.DeepEqual(g, w) {
						t.Errorf("record %d:\n got %+v\nwant %+v", i, g, w)
					}
				}
			})
		}
	}
}

// TestRepeatedCards: a copy of a card is one record; copies that differ are
// an error naming both lines.
func TestRepeatedCards(t *testing.T) {
	copyCard := func(upvotes int) string {
		var b strings.Builder
		for i, f := range mdCard {
			if i == 0 {
				f = strings.Replace(f, "[{k}]", fmt.Sprintf("[%d]", upvotes), 1)
			}
			b.WriteString(fillCard(f, 7) + "\n\n")
		}
		return b.String()
	}
	first := copyCard(5)
	t.Run("adjacent copy, later counts win", func(t *testing.T) {
		recs, r := readAll(t, mdHeader+first+copyCard(9), nil)
		d := r.Diagnostics()
		if len(recs) != 1 || recs[0].Upvotes != schema.Int(9) || len(d) != 1 || d[0].Code != CodeRepeatedCard || d[0].Pos.Line != 27 {
			t.Fatalf("%d records %v, %v", len(recs), recs, d)
		}
	})
	t.Run("later copy", func(t *testing.T) {
		other := markdownCapture(1, nil)[len(mdHeader):]
		recs, r := readAll(t, mdHeader+first+other+copyCard(5), nil)
		d := r.Diagnostics()
		if len(recs) != 2 || len(d) != 1 || d[0].Code != CodeRepeatedCard || d[0].Pos.Line != 41 {
			t.Fatalf("%d records, %v", len(recs), d)
		}
	})
	t.Run("copies differ", func(t *testing.T) {
		changed := strings.Replace(copyCard(5), "[- 3 authors]", "[- 4 authors]", 1)
		recs, r := readAll(t, mdHeader+first+changed, nil)
		d := r.Diagnostics()
		if len(recs) != 1 || len(d) != 1 || d[0].Code != CodeDuplicatePaper || d[0].Pos.Line != 27 || !strings.Contains(d[0].Message, "line 13") {
			t.Fatalf("%d records, %v", len(recs), d)
		}
	})
}

// TestMarkdownText checks what a reader sees of titles and abstracts: link
// wrappers removed, escapes undone, hard breaks joined, white space runs
// collapsed; positions where the text starts.
func TestMarkdownText(t *testing.T) {
	a := abstract(150)
	half := len(a) / 2
	input := mdHeader +
		"### [A \\[Bracketed\\] ell\\_p Title\\  with a break](https://huggingface.co/papers/2606.00001)\n\n" +
		"[" + a[:half] + "\\\\\n" + a[half:] + " Code: https://github.com/o/r\\_x.](https://huggingface.co/papers/2606.00001)\n\n" +
		"### [Plain](https://huggingface.co/papers/2606.00002)\n\n" +
		a + "\nwrapped   on two lines.\n"
	recs, r := readAll(t, input, nil)
	if r.Err() != nil || len(recs) != 2 {
		t.Fatalf("%d records, %v", len(recs), r.Diagnostics())
	}
	if recs[0].Title != "A [Bracketed] ell_p Title with a break" || recs[0].Line != 11 {
		t.Errorf("title %q at line %d", recs[0].Title, recs[0].Line)
	}
	if want := collapseSpace(a[:half] + " " + a[half:] + " Code: https://github.com/o/r_x."); recs[0].Abstract != want {
		t.Errorf("abstract\n got %q\nwant %q", recs[0].Abstract, want)
	}
	if recs[0].GitHubRepo != "o/r_x" || recs[0].PaperID != "2606.00001" || recs[0].Upvotes.Valid {
		t.Errorf("record: %+v", *recs[0])
	}
	if want := a + " wrapped on two lines."; recs[1].Abstract != want {
		t.Errorf("abstract\n got %q\nwant %q", recs[1].Abstract, want)
	}
}

// TestStyleDetection checks the style each kind of start is read in.
func TestStyleDetection(t *testing.T) {
	tests := []struct {
		input string
		want  Style
	}{
		{dump("T", abstract(150)), StyleText},
		{header + "Daily Papers\n\nGet trending papers in your email inbox once a day!\n\nby AK and the research community\n\nDaily\n\nWeekly\n\nMonthly\n\nTrending Papers\n\nMar 14\n\nT\n\n" + abstract(150) + "\n", StyleText},
		{markdownCapture(1, nil), StyleMarkdown},
		{"# Some converter\n\n- Source URL: https://huggingface.co/papers/trending\n\n## Extracted Text\n\n" + markdownCapture(1, nil)[len(mdHeader):], StyleMarkdown},
		{markdownCapture(1, nil)[len(mdHeader):], StyleMarkdown},
		{notebookLMCapture(1, nil), StyleNotebookLM},
		{"\uFEFF" + strings.ReplaceAll(markdownCapture(1, nil), "\n", "\r\n"), StyleMarkdown},
		{"\uFEFF" + strings.ReplaceAll(notebookLMCapture(1, nil), "\n", "\r\n"), StyleNotebookLM},
	}
	for i, tt := range tests {
		recs, r := readAll(t, tt.input, nil)
		if r.Listing().Style != tt.want || r.Err() != nil || len(recs) != 1 {
			t.Errorf("%d: style %v, want %v; %d records, %v", i, r.Listing().Style, tt.want, len(recs), r.Diagnostics())
		}
	}
}

// TestNotAListing: files that are not listings get one error at 1:1.
func TestNotAListing(t *testing.T) {
	tests := []struct{ name, input, says string }{
		{"HTML", "<!DOCTYPE html>\n<html><head><title>Daily Papers</title></head>\n<body>\n", "HTML"},
		{"HTML no doctype", "\n  <html lang=\"en\">\n<body>\n", "HTML"},
		{"RSS", "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel>\n", "RSS"},
		{"XML", "<?xml version=\"1.0\"?>\n<papers>\n", "XML"},
		{"JSON", "{\n  \"papers\": [{\"title\": \"T\"}]\n}\n", "JSON"},
		{"JSON array", "[{\"title\": \"T\", \"abstract\": \"A\"}]\n", "JSON"},
		{"JSON Lines", "{\"title\": \"T\"}\n{\"title\": \"U\"}\n", "JSON"},
		{"paper page", "---\nurl: https://huggingface.co/papers/2606.00683\nretrieved: 2026-10-02\n---\n# OCC-RAG\n\n## Abstract\n\nRecent progress.\n\n[arXiv Page](https://arxiv.org/abs/2606.00683)\n", "single paper"},
		{"links lost", "---\nurl: https://huggingface.co/papers\n---\n# Daily Papers\n\nOct 2\n\n### OCC-RAG: Optimal Cognitive Core\n\n" + abstract(150) + "\n", "links are lost"},
		{"references lost", "Daily Papers\n\n[1]Models [2]Datasets [3]Spaces\n\n[35]OCC-RAG: Optimal Cognitive Core\n\n" + abstract(150) + "\n", "link targets are lost"},
	}
	for _, tt := range tests {
		for _, style := range []Style{StyleAuto, StyleText, StyleMarkdown} {
			_, r := readAll(t, tt.input, func(r *Reader) { r.Style = style })
			d := r.Diagnostics()
			if len(d) != 1 || d[0].Code != CodeNotAListing || d[0].Pos.Line != 1 || d[0].Pos.Column != 1 || !strings.Contains(d[0].Message, tt.says) {
				t.Errorf("%s (%v): %v", tt.name, style, d)
			}
		}
	}
	// A Markdown link at the start is not JSON.
	if looksJSON("[Subscribe](https://huggingface.co/login)") || looksJSON("[-](x)") {
		t.Error("a Markdown link taken for JSON")
	}
}

func TestParseStyle(t *testing.T) {
	for _, s := range []Style{StyleAuto, StyleText, StyleMarkdown, StyleNotebookLM} {
		if got, err := ParseStyle(s.String()); got != s || err != nil {
			t.Errorf("ParseStyle(%q) = %v, %v", s, got, err)
		}
	}
	if _, err := ParseStyle("md"); err == nil {
		t.Error("ParseStyle(md) succeeded")
	}
}

func TestParseCount(t *testing.T) {
	for s, want := range map[string]int{"0": 0, "117": 117, "-": 0, "3.29k": 3290, "110k": 110000, "1.2M": 1200000} {
		if got, ok := parseCount(s, true); !ok || got != schema.Int(want) {
			t.Errorf("parseCount(%q) = %v, %v", s, got, ok)
		}
	}
	for _, s := range []string{"", "1o1", "3.2", "k", "1,000", "-1", "9999999999"} {
		if got, ok := parseCount(s, true); ok {
			t.Errorf("parseCount(%q) = %v, want no number", s, got)
		}
	}
	if _, ok := parseCount("3k", false); ok {
		t.Error("an upvote count took a unit")
	}
}

// TestBadFrontMatter places each front-matter defect at its own line: a
// block never closed (at its opening line), a line that is not
// "key: value", and a capture date that is not a date (at the value).
func TestBadFrontMatter(t *testing.T) {
	for _, tt := range []struct {
		name, front string
		want        string
	}{
		{"not closed", "---\nurl: https://huggingface.co/papers\n", "dump.txt:1:1: [bad-front-matter]"},
		{"not key: value", "---\nurl: https://huggingface.co/papers\njust words\n---\n", "dump.txt:3:1: [bad-front-matter]"},
		{"date", "---\nurl: https://huggingface.co/papers\nretrieved: yesterday\n---\n", "dump.txt:3:12: [bad-front-matter]"},
	} {
		_, r := readAll(t, tt.front+strings.TrimPrefix(mdHeader, "---\nurl: https://huggingface.co/papers/date/2026-10-02\nretrieved: 2026-10-02\n---\n"), func(r *Reader) { r.Style = StyleMarkdown })
		var got []string
		for _, d := range r.Diagnostics() {
			if d.Code == CodeBadFrontMatter {
				got = append(got, fmt.Sprintf("%s: [%s]", d.Pos, d.Code))
			}
		}
		if len(got) != 1 || got[0] != tt.want {
			t.Errorf("%s: %v, want [%s]", tt.name, got, tt.want)
		}
	}
}

// TestCaptureConcurrency: a capture gives the same records and diagnostics
// whether the schema checks run on the reading goroutine or beside it.
func TestCaptureConcurrency(t *testing.T) {
	input := markdownCapture(300, func(k int, b []string) {
		if k%97 == 5 {
			b[2] = "" // a card without abstract now and then
		}
	})
	var want string
	for _, concurrency := range []int{1, 4} {
		recs, r := readAll(t, input, func(r *Reader) { r.Concurrency = concurrency })
		var got strings.Builder
		for _, rec := range recs {
			fmt.Fprintf(&got, "%d %d %s %s %v\n", rec.Position, rec.Line, rec.PaperID, rec.Title, rec.Upvotes)
		}
		fmt.Fprintf(&got, "%v\n%+v\n", r.Diagnostics(), r.Listing())
		if len(recs) != 296 || r.Errors() != 4 {
			t.Fatalf("concurrency %d: %d records, %d errors", concurrency, len(recs), r.Errors())
		}
		if want == "" {
			want = got.String()
		} else if got.String() != want {
			t.Errorf("concurrency %d differs from 1", concurrency)
		}
	}
}

func captureText(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile("../testdata/captures/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestReadListing checks that the first pass over a dump finds the listing
// that reading it whole does, for each style, and a daily page's date from
// the capture's own date.
func TestReadListing(t *testing.T) {
	daily := markdownCapture(3, nil) // a daily page: its URL is /papers/date/2026-10-02
	for _, tt := range []struct {
		name, input string
		year        int
	}{
		{"firecrawl", captureText(t, "firecrawl-search.md"), 0},
		{"notebooklm", captureText(t, "notebooklm-search.txt"), 0},
		{"trending", captureText(t, "html-to-markdown-trending.md"), 0},
		{"daily markdown", daily, 0},
		{"plain", "Mar 14\n\n" + fixtureTitle(0) + "\n\n" + fixtureAbstract(0) + "\n", 2024},
	} {
		_, whole := readAll(t, tt.input, func(r *Reader) { r.Year = tt.year })
		got, err := ReadListing(strings.NewReader(tt.input), "dump.txt", StyleAuto, tt.year)
		if err != nil || got != whole.Listing() {
			t.Errorf("%s: ReadListing = %+v, %v; reading it whole gives %+v", tt.name, got, err, whole.Listing())
		}
		if got.Style == StyleAuto {
			t.Errorf("%s: no style detected", tt.name)
		}
	}
	if l, _ := ReadListing(strings.NewReader(daily), "dump.txt", StyleAuto, 0); l.Kind != "daily" || l.Date != "2026-10-02" {
		t.Errorf("daily capture: %+v, want kind daily and the date from the capture's URL or date", l)
	}
	if _, err := ReadListing(iotest.ErrReader(errors.New("disk")), "dump.txt", StyleAuto, 0); err == nil {
		t.Error("a read error is not returned")
	}
}
