using System.ComponentModel.DataAnnotations;
using System.Globalization;
using EpaPortal.Web.Infrastructure.DateInput;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Primitives;

namespace EpaPortal.Web.Tests.Foundation;

/// <summary>
/// The date input's binder (Infrastructure/DateInput, issue 25): Day, Month and Year from the form or the query,
/// the GOV.UK messages under the field's own name, what was typed kept, and an ISO date still bound when no
/// part was sent. Run through MVC's own binder factory, as the portal registers it.
/// </summary>
[Trait(Category.Name, Category.Unit)]
public class DatePartsModelBinderTests
{
    private static readonly ServiceProvider Services = BuildServices();

    [Theory]
    [InlineData("27", "3", "2025", 2025, 3, 27)]
    [InlineData("01", "09", "2025", 2025, 9, 1)]
    [InlineData(" 5 ", " 11 ", " 2026 ", 2026, 11, 5)]
    [InlineData("29", "2", "2028", 2028, 2, 29)]
    [InlineData("31", "12", "1999", 1999, 12, 31)]
    public async Task RealDate_IsBound_FromTheForm(string day, string month, string year, int y, int m, int d)
    {
        var (result, state) = await BindAsync(nameof(Form.StartDate), Parts("Input.StartDate", day, month, year));

        Assert.True(result.IsModelSet);
        Assert.Equal(new DateOnly(y, m, d), result.Model);
        Assert.Equal(0, state.ErrorCount);
        var typed = Assert.IsType<DateParts>(state["Input.StartDate"]!.RawValue);
        Assert.Equal((day, month, year), (typed.Day, typed.Month, typed.Year));
        Assert.Null(typed.Error);
    }

    [Fact]
    public async Task RealDate_IsBound_FromTheQuery_ForADateTime()
    {
        var (result, state) = await BindAsync(nameof(Form.DecidedOn), Parts("Input.DecidedOn", "4", "7", "2026"), query: true);

        Assert.Equal(new DateTime(2026, 7, 4, 0, 0, 0, DateTimeKind.Unspecified), result.Model);
        Assert.Equal(0, state.ErrorCount);
    }

    [Fact]
    public async Task NonNullableDateTime_IsBound()
    {
        var (result, _) = await BindAsync(nameof(Form.WorkedAt), Parts("Input.WorkedAt", "14", "3", "2026"));

        Assert.Equal(new DateTime(2026, 3, 14), result.Model);
    }

    [Theory]
    [InlineData("31", "2", "2026")]
    [InlineData("29", "2", "2026")]
    [InlineData("0", "3", "2026")]
    [InlineData("32", "1", "2026")]
    [InlineData("31", "4", "2026")]
    [InlineData("1", "13", "2026")]
    [InlineData("1", "0", "2026")]
    [InlineData("1", "1", "0000")]
    [InlineData("a", "3", "2026")]
    [InlineData("1", "March", "2026")]
    [InlineData("1.5", "3", "2026")]
    [InlineData("-1", "3", "2026")]
    [InlineData("1", "3", "2O26")]
    [InlineData("100", "3", "2026")]
    [InlineData("１", "3", "2026")]
    [InlineData("1 2", "3", "2026")]
    public async Task NotARealDate_SaysSo_UnderTheFieldsName_AndKeepsWhatWasTyped(string day, string month, string year)
    {
        var (result, state) = await BindAsync(nameof(Form.DateOfBirth), Parts("Input.DateOfBirth", day, month, year));

        Assert.False(result.IsModelSet);
        Assert.Equal(["Date of birth must be a real date"], Messages(state, "Input.DateOfBirth"));
        var typed = Assert.IsType<DateParts>(state["Input.DateOfBirth"]!.RawValue);
        Assert.Equal((day, month, year), (typed.Day, typed.Month, typed.Year));
        Assert.Equal("Date of birth must be a real date", typed.Error);
        Assert.Equal($"{day}/{month}/{year}", state["Input.DateOfBirth"]!.AttemptedValue);
    }

    [Theory]
    [InlineData("", "3", "2026", "Date of birth must include a day")]
    [InlineData("1", "", "2026", "Date of birth must include a month")]
    [InlineData("1", "3", "", "Date of birth must include a year")]
    [InlineData("", "", "2026", "Date of birth must include a day and month")]
    [InlineData("1", " ", "  ", "Date of birth must include a month and year")]
    [InlineData("", "3", "", "Date of birth must include a day and year")]
    public async Task MissingParts_AreNamed(string day, string month, string year, string message)
    {
        var (result, state) = await BindAsync(nameof(Form.DateOfBirth), Parts("Input.DateOfBirth", day, month, year));

        Assert.False(result.IsModelSet);
        Assert.Equal([message], Messages(state, "Input.DateOfBirth"));
    }

    [Fact]
    public async Task AMissingPartField_CountsAsMissing()
    {
        var values = new Dictionary<string, string> { ["Input.DateOfBirth.Day"] = "1", ["Input.DateOfBirth.Year"] = "2026" };

        var (_, state) = await BindAsync(nameof(Form.DateOfBirth), values);

        Assert.Equal(["Date of birth must include a month"], Messages(state, "Input.DateOfBirth"));
    }

    [Theory]
    [InlineData("26")]
    [InlineData("202")]
    [InlineData("20260")]
    public async Task AYearOfOtherThan4Numbers_IsRefused(string year)
    {
        var (result, state) = await BindAsync(nameof(Form.DateOfBirth), Parts("Input.DateOfBirth", "1", "3", year));

        Assert.False(result.IsModelSet);
        Assert.Equal(["Date of birth must include a year with 4 numbers"], Messages(state, "Input.DateOfBirth"));
    }

    [Fact]
    public async Task AllBlank_OnAnOptionalDate_IsNoDate_WithoutAMessage()
    {
        var (result, state) = await BindAsync(nameof(Form.DateOfBirth), Parts("Input.DateOfBirth", " ", "", ""));

        Assert.True(result.IsModelSet);
        Assert.Null(result.Model);
        Assert.Equal(0, state.ErrorCount);
    }

    [Fact]
    public async Task AllBlank_OnARequiredDate_AsksForIt()
    {
        var (result, state) = await BindAsync(nameof(Form.StartDate), Parts("Input.StartDate", "", "", ""));

        Assert.False(result.IsModelSet);
        Assert.Equal(["Enter start date"], Messages(state, "Input.StartDate"));
    }

    [Fact]
    public async Task AllBlank_OnANonNullableDate_AsksForIt_InItsPropertysWords()
    {
        var (_, state) = await BindAsync(nameof(Form.WorkedAt), Parts("Input.WorkedAt", "", "", ""));

        Assert.Equal(["Enter worked at"], Messages(state, "Input.WorkedAt"));
    }

    [Fact]
    public async Task NoPartSent_FallsBackToTheIsoValue()
    {
        var (result, state) = await BindAsync(nameof(Form.StartDate), new Dictionary<string, string> { ["Input.StartDate"] = "2025-09-01" });

        Assert.Equal(new DateOnly(2025, 9, 1), result.Model);
        Assert.Equal(0, state.ErrorCount);
        Assert.Equal("2025-09-01", state["Input.StartDate"]!.AttemptedValue);
    }

    [Fact]
    public async Task BlankParts_WithAnIsoValue_FallBackToTheIsoValue()
    {
        var values = Parts("Input.DateOfBirth", "", "", "");
        values["Input.DateOfBirth"] = "2001-02-03";

        var (result, _) = await BindAsync(nameof(Form.DateOfBirth), values, query: true);

        Assert.Equal(new DateOnly(2001, 2, 3), result.Model);
    }

    [Fact]
    public async Task PartsWin_OverAnIsoValue()
    {
        var values = Parts("Input.DateOfBirth", "4", "5", "2006");
        values["Input.DateOfBirth"] = "2001-02-03";

        var (result, _) = await BindAsync(nameof(Form.DateOfBirth), values);

        Assert.Equal(new DateOnly(2006, 5, 4), result.Model);
    }

    [Fact]
    public async Task NothingSent_BindsNothing()
    {
        var (result, state) = await BindAsync(nameof(Form.DateOfBirth), []);

        Assert.False(result.IsModelSet);
        Assert.Equal(0, state.ErrorCount);
        Assert.Empty(state);
    }

    [Fact]
    public async Task ANonsenseIsoValue_GetsTheOrdinaryBindingsMessage()
    {
        var (result, state) = await BindAsync(nameof(Form.DateOfBirth), new Dictionary<string, string> { ["Input.DateOfBirth"] = "yesterday" });

        Assert.False(result.IsModelSet);
        Assert.False(state.IsValid);
        Assert.Null(state["Input.DateOfBirth"]!.RawValue as DateParts);
    }

    [Fact]
    public void TheBinder_IsGivenForDatesBoundFromTheFormOrQuery_OnlyForDates()
    {
        var factory = Services.GetRequiredService<IModelBinderFactory>();
        var metadata = Services.GetRequiredService<IModelMetadataProvider>();
        IModelBinder For(string property, BindingSource? source) => factory.CreateBinder(new ModelBinderFactoryContext
        {
            Metadata = metadata.GetMetadataForProperty(typeof(Form), property),
            BindingInfo = new BindingInfo { BindingSource = source },
        });

        foreach (var property in new[] { nameof(Form.StartDate), nameof(Form.DateOfBirth), nameof(Form.DecidedOn), nameof(Form.WorkedAt) })
        {
            Assert.IsType<DatePartsModelBinder>(For(property, null));
            Assert.IsType<DatePartsModelBinder>(For(property, BindingSource.Form));
            Assert.IsType<DatePartsModelBinder>(For(property, BindingSource.Query));
            Assert.IsNotType<DatePartsModelBinder>(For(property, BindingSource.Path));
            Assert.IsNotType<DatePartsModelBinder>(For(property, BindingSource.Header));
        }

        Assert.IsNotType<DatePartsModelBinder>(For(nameof(Form.Title), null));
    }

    [Theory]
    [InlineData("StartDate", "Start date")]
    [InlineData("DateOfBirth", "Date of birth")]
    [InlineData("from", "From")]
    [InlineData("ULNDate", "ULNDate")]
    public void Humanize_TurnsAPropertyNameIntoWords(string name, string words) => Assert.Equal(words, DateParts.Humanize(name));

    [Fact]
    public void FromFields_ReadsThePartsOfAHandReadForm_OrItsIsoValue()
    {
        var parts = new Dictionary<string, string> { ["Details.WorkDate.Day"] = "14", ["Details.WorkDate.Month"] = "3", ["Details.WorkDate.Year"] = "2026" };
        Assert.Equal(new DateOnly(2026, 3, 14), DateParts.FromFields(parts, "Details.WorkDate", "Date of the work", out var typed));
        Assert.Null(typed!.Error);

        var wrong = new Dictionary<string, string> { ["Details.WorkDate.Day"] = "31", ["Details.WorkDate.Month"] = "2", ["Details.WorkDate.Year"] = "2026" };
        Assert.Null(DateParts.FromFields(wrong, "Details.WorkDate", "Date of the work", out typed));
        Assert.Equal("Date of the work must be a real date", typed!.Error);
        Assert.Equal("31", typed.Day);

        var iso = new Dictionary<string, string> { ["Details.WorkDate"] = "2026-03-14" };
        Assert.Equal(new DateOnly(2026, 3, 14), DateParts.FromFields(iso, "Details.WorkDate", "Date of the work", out typed));
        Assert.Null(typed);

        var blank = new Dictionary<string, string> { ["Details.WorkDate.Day"] = "", ["Details.WorkDate.Month"] = "", ["Details.WorkDate.Year"] = "" };
        Assert.Null(DateParts.FromFields(blank, "Details.WorkDate", "Date of the work", out typed));
        Assert.Null(typed!.Error);
    }

    private static Dictionary<string, string> Parts(string name, string day, string month, string year) => new()
    {
        [name + ".Day"] = day,
        [name + ".Month"] = month,
        [name + ".Year"] = year,
    };

    private static string[] Messages(ModelStateDictionary state, string key) =>
        state[key]!.Errors.Select(e => e.ErrorMessage).ToArray();

    private static async Task<(ModelBindingResult Result, ModelStateDictionary State)> BindAsync(string property, Dictionary<string, string> values, bool query = false)
    {
        var metadata = Services.GetRequiredService<IModelMetadataProvider>().GetMetadataForProperty(typeof(Form), property);
        var binder = Services.GetRequiredService<IModelBinderFactory>().CreateBinder(new ModelBinderFactoryContext
        {
            Metadata = metadata,
            BindingInfo = new BindingInfo { BindingSource = metadata.BindingSource },
        });
        var collection = values.ToDictionary(v => v.Key, v => new StringValues(v.Value), StringComparer.OrdinalIgnoreCase);
        IValueProvider provider = query
            ? new QueryStringValueProvider(BindingSource.Query, new QueryCollection(collection), CultureInfo.InvariantCulture)
            : new FormValueProvider(BindingSource.Form, new FormCollection(collection), CultureInfo.InvariantCulture);
        var action = new ActionContext(new DefaultHttpContext { RequestServices = Services }, new RouteData(), new ActionDescriptor());
        var context = DefaultModelBindingContext.CreateBindingContext(action, provider, metadata, bindingInfo: null, modelName: "Input." + property);
        await binder.BindModelAsync(context);
        return (context.Result, context.ModelState);
    }

    private static ServiceProvider BuildServices()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddControllersWithViews(options => options.ModelBinderProviders.Insert(0, new DatePartsModelBinderProvider()));
        return services.BuildServiceProvider();
    }

    public sealed class Form
    {
        [Required]
        [Display(Name = "Start date")]
        public DateOnly? StartDate { get; set; }

        [Display(Name = "Date of birth")]
        public DateOnly? DateOfBirth { get; set; }

        public DateTime? DecidedOn { get; set; }

        public DateTime WorkedAt { get; set; }

        public string? Title { get; set; }
    }
}
