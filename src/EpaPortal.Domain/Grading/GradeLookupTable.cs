using EpaPortal.Domain.Common;

namespace EpaPortal.Domain.Grading;

/// <summary>
/// The CriteriaPerMethod lookup table's keys: one method grade (Fail, Pass or Distinction) per method, in
/// the version's method order, joined by '+', e.g. "Pass+Distinction".
/// </summary>
public static class GradeLookupTable
{
    /// <summary>The grades a single method can receive.</summary>
    public static IReadOnlyList<Grade> MethodGrades { get; } = [Grade.Fail, Grade.Pass, Grade.Distinction];

    public static string Key(IEnumerable<Grade> methodGrades) => string.Join('+', methodGrades);

    /// <summary>Every combination for <paramref name="methodCount"/> methods (3ⁿ keys).</summary>
    public static IReadOnlyList<string> AllCombinations(int methodCount) =>
        Combinations(methodCount).Select(Key).ToList();

    public static bool TryParse(string combination, int methodCount, out IReadOnlyList<Grade> methodGrades)
    {
        var parts = combination.Split('+');
        var grades = new List<Grade>();
        foreach (var part in parts)
        {
            var grade = MethodGrades.FirstOrDefault(g => g.ToString() == part, (Grade)(-1));
            if ((int)grade < 0)
            {
                break;
            }

            grades.Add(grade);
        }

        methodGrades = grades;
        return grades.Count == parts.Length && grades.Count == methodCount;
    }

    /// <summary>
    /// The default table of domain.md section 7, for any number of methods: any Fail → Fail; all Pass →
    /// Pass; all Distinction → Distinction; otherwise Merit (for two methods: P+D or D+P → Merit).
    /// </summary>
    public static IReadOnlyList<(string Combination, Grade Grade)> Default(int methodCount) =>
        Combinations(methodCount).Select(grades => (Key(grades), DefaultGrade(grades))).ToList();

    private static Grade DefaultGrade(IReadOnlyList<Grade> grades) =>
        grades.Contains(Grade.Fail) ? Grade.Fail
        : grades.All(g => g == Grade.Pass) ? Grade.Pass
        : grades.All(g => g == Grade.Distinction) ? Grade.Distinction
        : Grade.Merit;

    private static IEnumerable<IReadOnlyList<Grade>> Combinations(int methodCount)
    {
        IEnumerable<IReadOnlyList<Grade>> combinations = [[]];
        for (var i = 0; i < methodCount; i++)
        {
            combinations = combinations.SelectMany(prefix => MethodGrades.Select(g => (IReadOnlyList<Grade>)[.. prefix, g])).ToList();
        }

        return combinations;
    }
}
